package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** completed, stopped and closing a connection change the scrape counts exactly. */
class ScrapeCountsTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @SuppressWarnings("unchecked")
    private static long[] counts(TestClient observer, String hash) throws Exception {
        observer.send(Wire.scrape(hash));
        Map<String, Object> response = observer.next();
        assertEquals("scrape", response.get("action"));
        Map<String, Object> file = (Map<String, Object>) ((Map<String, Object>) response.get("files")).get(Wire.id(hash));
        return new long[] {((Number) file.get("complete")).longValue(), ((Number) file.get("incomplete")).longValue(),
            ((Number) file.get("downloaded")).longValue()};
    }

    private static void assertCounts(TestClient observer, long complete, long incomplete, long downloaded)
            throws Exception {
        long[] c = counts(observer, "counted");
        assertEquals(complete, c[0], "complete");
        assertEquals(incomplete, c[1], "incomplete");
        assertEquals(downloaded, c[2], "downloaded");
    }

    @Test
    void countsFollowCompletedStoppedAndClose() throws Exception {
        try (TestClient observer = TestClient.connect(SERVER.uri("/"));
                TestClient a = TestClient.connect(SERVER.uri("/"));
                TestClient b = TestClient.connect(SERVER.uri("/"))) {
            assertCounts(observer, 0, 0, 0);
            a.send(Wire.announce("counted", "a", "started", 100));
            a.next();
            b.send(Wire.announce("counted", "b", "started", 100));
            b.next();
            assertCounts(observer, 0, 2, 0);

            a.send(Wire.announce("counted", "a", "completed", 0));
            Map<String, Object> completed = a.next();
            assertEquals(1L, ((Number) completed.get("complete")).longValue());
            assertCounts(observer, 1, 1, 1);

            b.send(Wire.announce("counted", "b", "stopped", 100));
            Map<String, Object> stopped = b.next();
            assertEquals(0L, ((Number) stopped.get("incomplete")).longValue());
            assertCounts(observer, 1, 0, 1);

            a.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            long[] c = counts(observer, "counted");
            while (c[0] != 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                c = counts(observer, "counted");
            }
            assertEquals(0, c[0], "closing the connection must remove its peer");
            assertEquals(0, c[1]);
            assertEquals(0, SERVER.server().core().swarmCount(), "the empty swarm must be freed");
        }
    }
}
