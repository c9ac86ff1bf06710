package org.signaltracker.netty.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * What an admin route may read of a request, copied out on the event loop so the request's buffers can be
 * released before the route runs on the admin thread. Immutable.
 *
 * @param method     the HTTP method's name
 * @param path       the raw path, without the query
 * @param parameters the query parameters
 */
public record AdminRequest(String method, String path, Map<String, List<String>> parameters) {

    public static AdminRequest of(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        return new AdminRequest(request.method().name(), uri.rawPath(), Map.copyOf(uri.parameters()));
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }
}
