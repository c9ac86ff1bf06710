package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server runs on native epoll on Linux, and refuses connections beyond the configured limit. */
class TransportAndLimitsTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("limits.maxConnections = 2\n");

    @Test
    void epollIsReallyUsedOnLinux() {
        // The build ships the linux-x86_64 native library only.
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"));
        assertEquals("epoll", SERVER.server().transport().name(), SERVER.server().transport().reason());
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        try (TestClient first = TestClient.connect(SERVER.uri("/"));
                TestClient second = TestClient.connect(SERVER.uri("/"))) {
            IOException refused = null;
            try (RawWebSocket third = new RawWebSocket(SERVER.port())) {
                third.readFrame();
            } catch (IOException expected) {
                refused = expected;
            }
            assertTrue(refused != null, "a third connection must be refused");
            assertEquals(1, SERVER.server().connectionLimiter().refusedConnections());
            first.send(Wire.scrape("x"));
            assertEquals("scrape", first.next().get("action"), "existing connections are unaffected");
        }
    }
}
