package org.signaltracker.netty.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * What an admin route may read of a request, copied out on the event loop so the request's buffers can be
 * released before the route runs on the admin thread. Immutable.
 *
 * @param method     the HTTP method's name
 * @param path       the raw path, without the query
 * @param parameters    the query parameters
 * @param authorization the {@code Authorization} header, or {@code null}; routes that need the admin token
 *                      check it ({@link TokenGuard})
 * @param body          the request body's bytes (empty for none)
 */
public record AdminRequest(String method, String path, Map<String, List<String>> parameters, String authorization,
        byte[] body) {

    public static AdminRequest of(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        return new AdminRequest(request.method().name(), uri.rawPath(), Map.copyOf(uri.parameters()),
                request.headers().get(HttpHeaderNames.AUTHORIZATION), ByteBufUtil.getBytes(request.content()));
    }

    /** The first value of query parameter {@code name}, or {@code null} when the query has none. */
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }
}
