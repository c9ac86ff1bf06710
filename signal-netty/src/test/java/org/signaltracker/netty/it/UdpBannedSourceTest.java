package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.access.AccessRefusal;
import org.signaltracker.core.metrics.UdpMetrics;

/** A datagram from a banned source (access.bannedRanges) is dropped without a reply; others are served. */
class UdpBannedSourceTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("access.bannedRanges = 127.0.0.9\n");

    @Test
    void bannedSourcesGetNothing() throws Exception {
        InetSocketAddress tracker = new InetSocketAddress("127.0.0.1", SERVER.server().udpAddress().getPort());
        UdpMetrics metrics = SERVER.server().metrics().udp;
        long bannedPeers = SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_PEER);
        try (UdpClient banned = new UdpClient("127.0.0.9", tracker);
                UdpClient allowed = new UdpClient("127.0.0.8", tracker)) {
            banned.send(ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(1).array());
            Await.until("the banned datagram is dropped", Duration.ofSeconds(5),
                    () -> metrics.drops(UdpMetrics.Drop.BANNED) == 1);
            assertEquals(bannedPeers + 1, SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_PEER));
            allowed.connect();
            assertNull(banned.receive(200), "the banned source got no reply");
            assertEquals(1, metrics.connects.sum(), "only the allowed connect reached the dispatcher");
        }
    }
}
