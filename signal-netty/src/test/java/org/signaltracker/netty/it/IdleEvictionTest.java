package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.time.ManualClock;

/** A peer that stops announcing is evicted by the server's own sweep, while its socket stays open. */
class IdleEvictionTest {

    private static final ManualClock CLOCK = new ManualClock();

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "tracker.sweepIntervalSeconds = 1\ntracker.lockStripes = 4\n", CLOCK);

    @SuppressWarnings("unchecked")
    private static long incomplete(TestClient observer) throws Exception {
        observer.send(Wire.scrape("idle"));
        Map<String, Object> files = (Map<String, Object>) observer.next().get("files");
        return ((Number) ((Map<String, Object>) files.get(Wire.id("idle"))).get("incomplete")).longValue();
    }

    @Test
    void silentPeerIsEvictedAfterThePeerTimeout() throws Exception {
        try (TestClient silent = TestClient.connect(SERVER.uri("/"));
                TestClient active = TestClient.connect(SERVER.uri("/"));
                TestClient observer = TestClient.connect(SERVER.uri("/"))) {
            silent.send(Wire.announce("idle", "silent", "started", 10));
            silent.next();
            active.send(Wire.announce("idle", "active", "started", 10));
            active.next();
            assertEquals(2, incomplete(observer));

            CLOCK.advanceSeconds(200);
            active.send(Wire.announce("idle", "active", null, 10));
            active.next();
            CLOCK.advanceSeconds(41);
            // The sweep visits one stripe every 250 ms; poll until it has passed the swarm's stripe.
            long deadline = System.nanoTime() + 5_000_000_000L;
            long count = incomplete(observer);
            while (count != 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                count = incomplete(observer);
            }
            assertEquals(1, count, "the silent peer must be evicted, the active one kept");
            assertEquals(1, SERVER.server().metrics().peersEvicted.sum());
        }
    }
}
