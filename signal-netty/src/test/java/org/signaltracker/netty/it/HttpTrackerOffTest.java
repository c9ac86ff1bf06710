package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code classic.http = off}: GET /announce and /scrape are 404, and WebSocket announces on /announce work on. */
class HttpTrackerOffTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("classic.http = off\n");

    @Test
    void thePathsAre404AndTheWebSocketTrackerIsUntouched() throws Exception {
        try (TrackerHttp c = new TrackerHttp("127.0.0.1", SERVER.port())) {
            assertEquals(404, c.get("/announce?" + TrackerHttp.announce("off", "peer", 7501, "started", 0)).status());
            assertEquals(404, c.get("/scrape?info_hash=" + TrackerHttp.id("off")).status());
            assertEquals(404, c.get("/announce").status());
        }
        try (TestClient ws = TestClient.connect(SERVER.uri("/announce"))) {
            ws.send(Wire.announce("off", "ws-peer", "started", 0));
            assertEquals(1L, ((Number) ws.next().get("complete")).longValue());
        }
        assertEquals(0, SERVER.server().metrics().httpAnnounces.sum());
    }
}
