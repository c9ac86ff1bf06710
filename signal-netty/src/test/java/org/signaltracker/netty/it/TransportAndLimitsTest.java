package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.transport.TestTransport;

/**
 * The server runs on native epoll on Linux (or on the transport a run selects, {@link TestTransport}), and
 * closes connections beyond the configured limit and the small reserve kept for health checks
 * ({@link HealthAtTheCapTest}).
 */
class TransportAndLimitsTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("limits.maxConnections = 2\n");

    @Test
    void theNativeTransportIsReallyUsedOnLinux() {
        // The build ships the linux-x86_64 native libraries only.
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"));
        // auto picks epoll; a run with -Dsignal.test.transport must really be on the transport it selected.
        String selected = TestTransport.selected();
        String expected = selected.isEmpty() || selected.equals("auto") ? "epoll" : selected;
        assertEquals(expected, SERVER.server().transport().name(), SERVER.server().transport().reason());
    }

    @Test
    void connectionsBeyondTheLimitAndTheHealthReserveAreClosed() throws Exception {
        List<Socket> reserve = new ArrayList<>();
        try (TestClient first = TestClient.connect(SERVER.uri("/"));
                TestClient second = TestClient.connect(SERVER.uri("/"))) {
            for (int i = 0; i < ConnectionLimiter.HEALTH_RESERVE; i++) {
                Socket socket = new Socket();
                reserve.add(socket);
                socket.connect(new InetSocketAddress("127.0.0.1", SERVER.port()), 5000);
            }
            Await.until("the cap and the reserve are full", Duration.ofSeconds(5),
                    () -> SERVER.server().connectionLimiter().openConnections() == 2 + ConnectionLimiter.HEALTH_RESERVE);
            try (Socket beyond = new Socket()) {
                beyond.connect(new InetSocketAddress("127.0.0.1", SERVER.port()), 5000);
                beyond.setSoTimeout(10_000);
                int read;
                try {
                    read = beyond.getInputStream().read();
                } catch (IOException reset) {
                    read = -1;
                }
                assertEquals(-1, read, "a connection beyond the cap and the reserve is closed at once");
            }
            assertEquals(1, SERVER.server().connectionLimiter().refusedConnections());
            first.send(Wire.scrape("x"));
            assertEquals("scrape", first.next().get("action"), "existing connections are unaffected");
        } finally {
            for (Socket socket : reserve) {
                socket.close();
            }
        }
    }
}
