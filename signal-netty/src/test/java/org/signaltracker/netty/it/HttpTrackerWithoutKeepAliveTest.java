package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code classic.httpKeepAliveSeconds = 0}: every answer says {@code Connection: close}, and the server closes. */
class HttpTrackerWithoutKeepAliveTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("classic.httpKeepAliveSeconds = 0\n");

    @Test
    void everyAnswerClosesTheConnection() throws Exception {
        for (String target : new String[] {"/announce?" + TrackerHttp.announce("close", "peer", 7401, "started", 0),
                "/scrape?info_hash=" + TrackerHttp.id("close")}) {
            try (TrackerHttp c = new TrackerHttp("127.0.0.1", SERVER.port())) {
                c.get(target);
                assertEquals(200, c.status());
                assertEquals("close", c.header("Connection"), target);
                assertTrue(c.closedByServer(), target);
            }
        }
    }
}
