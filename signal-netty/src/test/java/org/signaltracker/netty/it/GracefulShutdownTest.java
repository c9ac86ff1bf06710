package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;

/** Stopping the server closes every WebSocket with 1001 and stops accepting, within the grace period. */
class GracefulShutdownTest {

    @Test
    void stopSendsGoingAwayToEveryWebSocket() throws Exception {
        SignalTrackerServer server = new SignalTrackerServer(TrackerServerExtension.config(""), SystemClock.INSTANCE);
        int port = server.start().getPort();
        try (TestClient a = TestClient.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/"));
                TestClient b = TestClient.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/announce"));
                RawWebSocket raw = new RawWebSocket(port)) {
            a.send(Wire.announce("g", "a", "started", 0));
            a.next();
            // The raw client reads the close frame and hangs up, as a browser does, so stop need not wait.
            CompletableFuture<RawWebSocket.Frame> rawClose = CompletableFuture.supplyAsync(() -> {
                try {
                    return raw.readUntilClose();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    closeQuietly(raw);
                }
            });
            long started = System.nanoTime();
            server.stop();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(1001, a.closeCode());
            assertEquals(1001, b.closeCode());
            RawWebSocket.Frame close = rawClose.get(10, TimeUnit.SECONDS);
            assertEquals(1001, close.closeCode());
            assertEquals("server going away", close.text());
            assertTrue(tookMillis < 2_000 + 6_000, "stop took " + tookMillis + " ms");
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            }, "the listener must be closed");
        }
    }

    private static void closeQuietly(RawWebSocket raw) {
        try {
            raw.close();
        } catch (IOException ignored) {
            // Closing is best effort; the test checks what was read.
        }
    }
}
