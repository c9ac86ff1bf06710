package org.signaltracker.netty.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds the short plain-text responses of the HTTP side. Stateless. */
final class TextResponse {

    private TextResponse() {
    }

    /**
     * A {@code text/plain} response carrying {@code body}; for a HEAD request ({@code headOnly}) the same
     * headers without the body. The stage encodes responses with a plain {@code HttpResponseEncoder}, which
     * does not know the request's method, so leaving the body out is this method's job.
     */
    static FullHttpResponse of(HttpResponseStatus status, String body, boolean headOnly) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, bytes.length);
        return response;
    }
}
