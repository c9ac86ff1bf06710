package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An HTTP peer and WebSocket peers in one swarm: the counts of both sides cover everyone, the HTTP answer
 * lists only the other address peers (never a WebSocket peer, which has no address to give), and offers go
 * from WebSocket peer to WebSocket peer only (the HTTP peer can take none).
 */
class HttpAndWebSocketPeersInOneSwarmTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("classic.minAnnounceIntervalSeconds = 0\n");

    @Test
    void countsCoverBothKindsAndPeersNeverCross() throws Exception {
        try (TestClient seeder = TestClient.connect(SERVER.uri("/announce"));
                TestClient leecher = TestClient.connect(SERVER.uri("/announce"));
                TrackerHttp http = new TrackerHttp("127.0.0.1", SERVER.port())) {
            seeder.send(Wire.announce("mixed", "ws-seeder", "started", 0));
            assertEquals("announce", seeder.next().get("action"));

            Map<String, Object> httpAnswer = http.get("/announce?"
                    + TrackerHttp.announce("mixed", "http-leecher", 7801, "started", 100)).dict();
            assertEquals(1L, httpAnswer.get("complete"), "the WebSocket seeder is counted");
            assertEquals(1L, httpAnswer.get("incomplete"), "and the HTTP leecher itself");
            assertEquals(List.of(), HttpTrackerOverTheWireTest.peers(httpAnswer), "but never listed");

            leecher.send(Wire.announceWithOffer("mixed", "ws-leecher", "started", "offer-1", "v=0 offer"));
            Map<String, Object> response = leecher.next();
            assertEquals(1L, ((Number) response.get("complete")).longValue());
            assertEquals(2L, ((Number) response.get("incomplete")).longValue(), "both leechers, HTTP and WebSocket");
            Map<String, Object> offer = seeder.next();
            assertEquals(Wire.id("ws-leecher"), offer.get("peer_id"), "the one offer goes to the WebSocket seeder");

            Map<String, Object> again = http.get("/announce?"
                    + TrackerHttp.announce("mixed", "http-leecher", 7801, null, 100)).dict();
            assertEquals(List.of(), HttpTrackerOverTheWireTest.peers(again));
            assertEquals(2L, again.get("incomplete"));
            assertNull(seeder.poll(300), "nothing reaches the WebSocket seeder from the HTTP peer");
            assertNull(leecher.poll(1), "nor the WebSocket leecher");
        }
    }
}
