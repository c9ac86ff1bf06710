package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server pings quiet clients, and closes a client that answers nothing, not even a ping. */
class KeepAliveTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "websocket.pingIntervalSeconds = 1\nwebsocket.idleTimeoutSeconds = 3\n");

    @Test
    void quietClientIsPingedAndStaysOpenByAnsweringPongs() throws Exception {
        try (TestClient client = TestClient.connect(SERVER.uri("/"))) {
            long deadline = System.nanoTime() + 6_000_000_000L;
            while (System.nanoTime() < deadline && client.pingsReceived() < 4) {
                Thread.sleep(100);
            }
            assertTrue(client.pingsReceived() >= 4, "pings received: " + client.pingsReceived());
            assertTrue(!client.isClosed(), "a client that answers pings must not be closed as idle");
        }
    }

    @Test
    void deadClientIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawWebSocket dead = new RawWebSocket(SERVER.port())) {
            RawWebSocket.Frame close = dead.readUntilClose();
            assertEquals(1001, close.closeCode());
            assertEquals("idle timeout", close.text());
        }
    }
}
