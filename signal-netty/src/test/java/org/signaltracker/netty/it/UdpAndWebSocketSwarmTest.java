package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A WebSocket peer and a UDP peer in one swarm: counted together on both protocols, never handed to each
 * other (the UDP peer gets no address for the WebRTC peer, the WebSocket peer gets no offer or address).
 */
class UdpAndWebSocketSwarmTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void bothKindsAreCountedAndNeverMixed() throws Exception {
        InetSocketAddress tracker = new InetSocketAddress("127.0.0.1", SERVER.server().udpAddress().getPort());
        try (TestClient webSocket = TestClient.connect(SERVER.uri("/"));
                UdpClient udp = new UdpClient("127.0.0.2", tracker)) {
            webSocket.send(Wire.announce("mixed-swarm", "ws-seeder", "started", 0));
            Map<String, Object> first = webSocket.next();
            assertEquals(1L, ((Number) first.get("complete")).longValue());

            udp.connect();
            ByteBuffer reply = udp.announce("mixed-swarm", "udp-leecher", 2, 500, 6881);
            assertEquals(1, reply.getInt(0));
            assertEquals(1, reply.getInt(16), "the WebSocket seeder is counted");
            assertEquals(1, reply.getInt(12), "the UDP leecher itself");
            assertEquals(20, reply.remaining(), "no address for a WebRTC peer");

            webSocket.send(Wire.announce("mixed-swarm", "ws-seeder", null, 0));
            Map<String, Object> again = webSocket.next();
            assertEquals(1L, ((Number) again.get("complete")).longValue());
            assertEquals(1L, ((Number) again.get("incomplete")).longValue(), "the UDP leecher is counted");
            assertNull(webSocket.poll(200), "no offer, no address: nothing else reaches the WebSocket peer");

            assertArrayEquals(new int[] {1, 0, 1}, udp.scrape("mixed-swarm"));
        }
    }
}
