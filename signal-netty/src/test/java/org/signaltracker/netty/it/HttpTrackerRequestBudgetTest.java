package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.error.TrackerError;

/**
 * A kept-alive HTTP tracker connection has the request budget of a WebSocket ({@code limits.messageBurst} at
 * once, {@code limits.messagesPerSecond} after): the request over it gets a failure reason and the connection
 * is closed, while a new connection is served.
 */
class HttpTrackerRequestBudgetTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "limits.messagesPerSecond = 1\nlimits.messageBurst = 3\n");

    @Test
    void aFloodOnOneConnectionIsRefusedAndClosed() throws Exception {
        String scrape = "/scrape?info_hash=" + TrackerHttp.id("budget");
        try (TrackerHttp flood = new TrackerHttp("127.0.0.1", SERVER.port())) {
            String last = null;
            int answered = 0;
            for (int i = 0; i < 10 && !"close".equals(flood.header("Connection")); i++) {
                flood.get(scrape);
                last = new String(flood.body(), StandardCharsets.ISO_8859_1);
                answered += last.startsWith("d5:files") ? 1 : 0;
            }
            assertTrue(answered >= 3 && answered <= 5, "the burst, and what a slow machine refilled: " + answered);
            assertEquals(HttpTrackerOverTheWireTest.failure(TrackerError.MESSAGE_RATE_EXCEEDED), last);
            assertTrue(flood.closedByServer());
        }
        try (TrackerHttp fresh = new TrackerHttp("127.0.0.1", SERVER.port())) {
            assertTrue(new String(fresh.get(scrape).body(), StandardCharsets.ISO_8859_1).startsWith("d5:files"));
        }
        assertTrue(SERVER.server().metrics().httpFailures(TrackerError.MESSAGE_RATE_EXCEEDED) >= 1);
    }
}
