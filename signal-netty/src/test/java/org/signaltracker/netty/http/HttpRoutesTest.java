package org.signaltracker.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signaltracker.netty.websocket.UpgradeTarget;

/** How the table matches: exact REST paths by method, upgrade paths exactly or with one parameter segment. */
class HttpRoutesTest {

    private final List<String> parameters = new ArrayList<>();
    private final UpgradeTarget signaling = UpgradeTarget.signaling(null);
    private final HttpRoutes routes = HttpRoutes.tracker()
            .rest("/room", "POST", (request, ctx) -> TextResponse.of(
                    io.netty.handler.codec.http.HttpResponseStatus.CREATED, "made\n", false))
            .upgrade("/ws", (request, none) -> HttpRoutes.Decision.upgrade(signaling))
            .upgradeWithParameter("/ws/", (request, id) -> {
                parameters.add(id);
                return HttpRoutes.Decision.upgrade(signaling);
            });

    private static FullHttpRequest request(HttpMethod method, String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    }

    @Test
    void onlyTheListedUpgradePathsLeaveTheTracker() {
        assertSame(signaling, routes.upgrade(request(HttpMethod.GET, "/ws"), "/ws").target());
        assertSame(signaling, routes.upgrade(request(HttpMethod.GET, "/ws/room1"), "/ws/room1").target());
        assertEquals(List.of("room1"), parameters);
        for (String path : new String[] {"/", "/announce", "/ws/", "/ws/a/b", "/wss", "/x/ws"}) {
            assertSame(UpgradeTarget.WEBTORRENT, routes.upgrade(request(HttpMethod.GET, path), path).target(), path);
        }
        assertEquals(List.of("room1"), parameters, "no other path reached the parameter route");
    }

    @Test
    void restRoutesAnswerTheirMethodsAnd405WithAllowOtherwise() {
        FullHttpResponse made = routes.respond(request(HttpMethod.POST, "/room"), "/room", null);
        assertEquals(201, made.status().code());
        made.release();
        FullHttpResponse wrong = routes.respond(request(HttpMethod.GET, "/room"), "/room", null);
        assertEquals(405, wrong.status().code());
        assertEquals("POST", wrong.headers().get(HttpHeaderNames.ALLOW));
        wrong.release();
        FullHttpResponse plain = routes.respond(request(HttpMethod.GET, "/ws"), "/ws", null);
        assertEquals(400, plain.status().code());
        assertEquals(HttpRoutes.SIGNALING_NOT_A_WEBSOCKET, plain.content().toString(
                java.nio.charset.StandardCharsets.UTF_8));
        plain.release();
        FullHttpResponse head = routes.respond(request(HttpMethod.HEAD, "/health"), "/health", null);
        assertEquals(200, head.status().code());
        assertEquals(0, head.content().readableBytes());
        head.release();
        assertNull(routes.upgrade(request(HttpMethod.GET, "/ws"), "/ws").refusal());
    }

    @Test
    void staticFileTypes() {
        assertEquals("text/html; charset=utf-8", StaticFiles.contentType("index.html"));
        assertEquals("text/javascript; charset=utf-8", StaticFiles.contentType("app.js"));
        assertEquals("text/css; charset=utf-8", StaticFiles.contentType("a.CSS"));
        assertEquals("application/octet-stream", StaticFiles.contentType("noextension"));
    }
}
