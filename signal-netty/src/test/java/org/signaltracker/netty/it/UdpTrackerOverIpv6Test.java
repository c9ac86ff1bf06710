package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A UDP announce over IPv6 is answered with 18-byte peer entries (address and port) under action 1, from
 * the address it was sent to. Skipped, loudly, only where the machine has no ::1.
 */
@EnabledIf("org.signaltracker.netty.it.Ipv6Loopback#available")
class UdpTrackerOverIpv6Test {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "server.bindAddress = ::1\nclassic.minAnnounceIntervalSeconds = 0\n");

    @Test
    void ipv6PeersComeInEighteenByteEntries() throws Exception {
        InetSocketAddress tracker = new InetSocketAddress("::1", SERVER.server().udpAddress().getPort());
        try (UdpClient a = new UdpClient("::1", tracker); UdpClient b = new UdpClient("::1", tracker)) {
            a.connect();
            b.connect();
            a.announce("udp-six", "six-a", 2, 100, 7701);
            ByteBuffer reply = b.announce("udp-six", "six-b", 2, 100, 7702);
            assertEquals(1, reply.getInt(0), "action 1 for IPv6 too");
            assertEquals(20 + 18, reply.remaining());
            assertArrayEquals(InetAddress.getByName("::1").getAddress(), Arrays.copyOfRange(reply.array(), 20, 36));
            assertEquals(7701, (reply.get(36) & 0xFF) << 8 | reply.get(37) & 0xFF);
            assertEquals(2, reply.getInt(12), "two leechers");
        }
    }
}
