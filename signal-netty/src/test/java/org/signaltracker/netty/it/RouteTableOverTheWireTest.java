package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.error.TrackerError;

/**
 * The route table on one port: the static page at {@code GET /} with its content type, {@code /health},
 * the HTTP tracker on a plain {@code GET /announce}, short explanations for plain HTTP on the other
 * WebSocket paths (400) and for other methods (405 with Allow), and
 * the rule that only {@code /ws}, {@code /ws/{roomId}} and {@code /v1/connect} are signaling: an upgrade on
 * any other path still speaks WebTorrent.
 */
class RouteTableOverTheWireTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void staticFilesRestRoutesAndTheTrackerKeepsEveryOtherUpgradePath() throws Exception {
        HttpResponse<String> page = Signaling.http(SERVER, "GET", "/", null);
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertTrue(page.body().contains("<html"), page.body());
        assertEquals(page.body(), Signaling.http(SERVER, "GET", "/index.html", null).body());
        assertEquals(405, Signaling.http(SERVER, "POST", "/", null).statusCode());
        assertEquals(200, Signaling.http(SERVER, "GET", "/health", null).statusCode());

        assertEquals(400, Signaling.http(SERVER, "GET", "/ws", null).statusCode(), "plain GET on a WebSocket path");
        HttpResponse<String> httpTracker = Signaling.http(SERVER, "GET", "/announce", null);
        assertEquals(200, httpTracker.statusCode(), "a plain GET /announce is the HTTP tracker's");
        assertEquals("d14:failure reason" + TrackerError.MISSING_INFO_HASH.reason().length() + ":"
                + TrackerError.MISSING_INFO_HASH.reason() + "e", httpTracker.body());
        assertEquals(400, Signaling.http(SERVER, "GET", "/announce/x", null).statusCode(), "not the tracker's path");
        assertEquals(400, Signaling.http(SERVER, "GET", "/../etc/passwd", null).statusCode(), "no file system");
        HttpResponse<String> put = Signaling.http(SERVER, "PUT", "/room", "");
        assertEquals(405, put.statusCode());
        assertEquals("POST", put.headers().firstValue("Allow").orElse(""));

        // /ws/a/b, /wss and /v1/connect/x are not signaling paths: they upgrade to the tracker.
        for (String path : new String[] {"/announce", "/ws/a/b", "/wss", "/v1/connect/x"}) {
            try (TestClient tracker = TestClient.connect(SERVER.uri(path))) {
                tracker.send(Wire.announce("routes", "peer-" + path.length(), "started", 0));
                assertEquals("announce", tracker.next().get("action"), path);
            }
        }
        try (TestClient signaling = TestClient.connect(SERVER.uri("/ws"))) {
            signaling.send(Wire.announce("routes", "peer", "started", 0));
            assertEquals("ERROR", signaling.next().get("type"), "/ws speaks signaling");
        }
    }
}
