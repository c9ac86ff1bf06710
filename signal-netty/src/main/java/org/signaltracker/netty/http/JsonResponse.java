package org.signaltracker.netty.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;
import org.signaltracker.core.protocol.json.JsonWriter;

/**
 * Builds the small JSON responses of the REST routes: one flat object of string or number members, escaped
 * by the core's {@link JsonWriter}, and {@code {"error": message}} for refusals. Stateless.
 */
final class JsonResponse {

    private JsonResponse() {
    }

    /** {@code members} alternate name and value; a value is a String or a Number. */
    static FullHttpResponse of(HttpResponseStatus status, Object... members) {
        JsonWriter json = new JsonWriter();
        json.ascii('{');
        for (int i = 0; i < members.length; i += 2) {
            if (i > 0) {
                json.ascii(',');
            }
            json.string((String) members[i]).ascii(':');
            if (members[i + 1] instanceof Number n) {
                json.number(n.longValue());
            } else {
                json.string(String.valueOf(members[i + 1]));
            }
        }
        json.ascii('}');
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(Arrays.copyOf(json.bytes(), json.size())));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        HttpUtil.setContentLength(response, json.size());
        return response;
    }

    static FullHttpResponse error(int status, String message) {
        return of(HttpResponseStatus.valueOf(status), "error", message);
    }
}
