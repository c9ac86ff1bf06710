package org.signaltracker.netty.admin;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * An admin route's answer as plain data (status, content type, body), made on the admin thread and turned
 * into a Netty response on the connection's loop ({@link #toHttp}), so no buffer is ever owned by the admin
 * thread. Immutable.
 */
public record AdminResponse(HttpResponseStatus status, String contentType, byte[] body) {

    /** The WWW-Authenticate challenge a 401 carries (RFC 6750). */
    static final String CHALLENGE = "Bearer realm=\"signal-tracker admin\"";

    static final String TEXT = "text/plain; charset=utf-8";

    public static AdminResponse text(HttpResponseStatus status, String body) {
        return new AdminResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    public static AdminResponse ok(String contentType, byte[] body) {
        return new AdminResponse(HttpResponseStatus.OK, contentType, body);
    }

    /** The refusal of a request without the right bearer token. */
    public static AdminResponse unauthorized() {
        return text(HttpResponseStatus.UNAUTHORIZED, "Unauthorized: send Authorization: Bearer <admin.token>.\n");
    }

    /** The response; for a HEAD request ({@code headOnly}) the same headers without the body. */
    public FullHttpResponse toHttp(boolean headOnly) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(response, body.length);
        if (status.equals(HttpResponseStatus.UNAUTHORIZED)) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        }
        return response;
    }
}
