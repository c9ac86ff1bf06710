package org.signaltracker.netty.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.signaltracker.netty.websocket.UpgradeTarget;

/**
 * The one table of what this port serves: REST routes by exact path, the static files, and upgrade routes,
 * which authorise a WebSocket upgrade before the 101 and choose the protocol it speaks. An upgrade on a path
 * with no upgrade route is the tracker's (real announce URLs use "/", "/announce" and others). A plain
 * {@code GET /announce} or {@code GET /scrape} is the HTTP tracker's ({@link HttpTrackerRoute}) when one is
 * set, and 404 otherwise. Anything else gets a short explanation: 400 for a plain GET where only WebSockets
 * are served, 405 with {@code Allow} for a method the path does not serve.
 *
 * <p>Built once at startup, then read-only: thread-safe. Routes run on the connection's event loop and must
 * not block.
 */
public final class HttpRoutes {

    static final String NOT_A_WEBSOCKET = "This is a WebTorrent tracker WebSocket endpoint. Connect with a "
            + "WebSocket client (for example ws://host:port/announce); plain HTTP requests are not served here.\n";
    static final String HTTP_TRACKER_OFF = "The HTTP tracker is off on this server (classic.http = off). WebTorrent "
            + "clients connect with a WebSocket (ws://host:port/announce).\n";
    static final String SIGNALING_NOT_A_WEBSOCKET = "This is a signaling WebSocket endpoint: connect with a "
            + "WebSocket client.\n";
    static final String WEBSOCKET_METHODS = "GET";

    /** A REST route: answers one request, which the caller releases afterwards. */
    @FunctionalInterface
    public interface RestRoute {
        FullHttpResponse handle(FullHttpRequest request, ChannelHandlerContext ctx);
    }

    /**
     * A REST route whose response is made elsewhere (the admin thread), so the event loop does not wait for
     * it: it reads what it needs from the request before returning, and the caller releases the request then.
     */
    @FunctionalInterface
    public interface DeferredRoute {
        CompletionStage<FullHttpResponse> handle(FullHttpRequest request);
    }

    /** An upgrade route: the protocol and grant for this request, or the HTTP refusal sent instead of a 101. */
    @FunctionalInterface
    public interface UpgradeRoute {
        Decision authorise(FullHttpRequest request, String pathParameter);
    }

    /** Either {@code target} (upgrade) or {@code refusal} (answer and keep HTTP). */
    public record Decision(UpgradeTarget target, FullHttpResponse refusal) {
        public static Decision upgrade(UpgradeTarget target) {
            return new Decision(target, null);
        }

        public static Decision refuse(FullHttpResponse refusal) {
            return new Decision(null, refusal);
        }
    }

    private record Rest(String allow, RestRoute route) {
    }

    private static final Decision WEBTORRENT = Decision.upgrade(UpgradeTarget.WEBTORRENT);

    private final Map<String, Rest> rest = new HashMap<>();
    private final Map<String, DeferredRoute> deferred = new HashMap<>();
    /** Deferred routes for a path and everything below it ({@code prefix/...}). */
    private final Map<String, DeferredRoute> deferredTrees = new HashMap<>();
    private final Map<String, UpgradeRoute> upgrades = new HashMap<>();
    /** Upgrade routes of the form {@code prefix{parameter}}: one path segment after the prefix. */
    private final Map<String, UpgradeRoute> parameterUpgrades = new HashMap<>();
    private StaticFiles statics = StaticFiles.none();
    /** The HTTP tracker; null when classic.http is off. */
    private HttpTrackerRoute httpTracker;

    /** The tracker's table: {@code /health}, and every upgrade to WebTorrent. */
    public static HttpRoutes tracker() {
        return new HttpRoutes().rest("/health", "GET, HEAD",
                (request, ctx) -> TextResponse.of(HttpResponseStatus.OK, "ok\n",
                        request.method().equals(HttpMethod.HEAD)));
    }

    /** Adds a REST route for {@code methods} (as the {@code Allow} header spells them, e.g. "GET, POST"). */
    public HttpRoutes rest(String path, String methods, RestRoute route) {
        rest.put(path, new Rest(methods, route));
        return this;
    }

    /** Adds a route answered later, for every method (the route answers those it does not serve). */
    public HttpRoutes deferred(String path, DeferredRoute route) {
        deferred.put(path, route);
        return this;
    }

    /** Adds a route answered later for {@code prefix} and every path below it, for every method. */
    public HttpRoutes deferredTree(String prefix, DeferredRoute route) {
        deferredTrees.put(prefix, route);
        return this;
    }

    /** The pending response of a deferred route on {@code path}, or null when the path has none. */
    CompletionStage<FullHttpResponse> deferred(FullHttpRequest request, String path) {
        DeferredRoute route = deferred.get(path);
        if (route == null && !deferredTrees.isEmpty()) {
            int slash = path.indexOf('/', 1);
            route = deferredTrees.get(path);
            for (; route == null && slash > 0; slash = path.indexOf('/', slash + 1)) {
                route = deferredTrees.get(path.substring(0, slash));
            }
        }
        return route == null ? null : route.handle(request);
    }

    public HttpRoutes upgrade(String path, UpgradeRoute route) {
        upgrades.put(path, route);
        return this;
    }

    /** An upgrade route for {@code prefix} followed by one non-empty path segment, handed to the route. */
    public HttpRoutes upgradeWithParameter(String prefix, UpgradeRoute route) {
        parameterUpgrades.put(prefix, route);
        return this;
    }

    /** Serves plain {@code GET /announce} and {@code GET /scrape} as the HTTP tracker (BEP 3, 48). */
    public HttpRoutes httpTracker(HttpTrackerRoute route) {
        this.httpTracker = route;
        return this;
    }

    /** The HTTP tracker, or null when this port has none. */
    HttpTrackerRoute httpTracker() {
        return httpTracker;
    }

    public HttpRoutes staticFiles(StaticFiles files) {
        this.statics = files;
        return this;
    }

    /** The decision for a WebSocket upgrade request on {@code path}. */
    Decision upgrade(FullHttpRequest request, String path) {
        UpgradeRoute exact = upgrades.get(path);
        if (exact != null) {
            return exact.authorise(request, null);
        }
        int slash = path.lastIndexOf('/');
        if (slash > 0 && slash < path.length() - 1) {
            UpgradeRoute withParameter = parameterUpgrades.get(path.substring(0, slash + 1));
            if (withParameter != null) {
                return withParameter.authorise(request, path.substring(slash + 1));
            }
        }
        return WEBTORRENT;
    }

    /** The response to a request that is not an upgrade. */
    FullHttpResponse respond(FullHttpRequest request, String path, ChannelHandlerContext ctx) {
        HttpMethod method = request.method();
        boolean head = method.equals(HttpMethod.HEAD);
        Rest route = rest.get(path);
        if (route != null) {
            if (allows(route.allow, method)) {
                return route.route.handle(request, ctx);
            }
            return notAllowed(route.allow, "Method not allowed: this path serves " + route.allow + ".\n", head);
        }
        if (statics.has(path)) {
            return method.equals(HttpMethod.GET) || head ? statics.response(path, head)
                    : notAllowed("GET, HEAD", "Method not allowed: this path serves GET, HEAD.\n", head);
        }
        boolean signaling = isSignalingUpgradePath(path);
        if (method.equals(HttpMethod.GET) && httpTracker == null
                && HttpTrackerRoute.routeOf(path) != HttpTrackerRoute.NONE) {
            return TextResponse.of(HttpResponseStatus.NOT_FOUND, HTTP_TRACKER_OFF, false);
        }
        if (method.equals(HttpMethod.GET)) {
            return TextResponse.of(HttpResponseStatus.BAD_REQUEST,
                    signaling ? SIGNALING_NOT_A_WEBSOCKET : NOT_A_WEBSOCKET, false);
        }
        return notAllowed(WEBSOCKET_METHODS, signaling ? SIGNALING_NOT_A_WEBSOCKET : NOT_A_WEBSOCKET, head);
    }

    private boolean isSignalingUpgradePath(String path) {
        int slash = path.lastIndexOf('/');
        return upgrades.containsKey(path) || (slash > 0 && slash < path.length() - 1
                && parameterUpgrades.containsKey(path.substring(0, slash + 1)));
    }

    private static boolean allows(String allow, HttpMethod method) {
        for (String m : allow.split(", ")) {
            if (m.equals(method.name())) {
                return true;
            }
        }
        return false;
    }

    private static FullHttpResponse notAllowed(String allow, String body, boolean head) {
        FullHttpResponse response = TextResponse.of(HttpResponseStatus.METHOD_NOT_ALLOWED, body, head);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }
}
