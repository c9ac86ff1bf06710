package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IPv6 callers are answered in their own family: two peers on ::1 get each other in {@code peers6} (18 bytes
 * a peer, BEP 7) beside an empty {@code peers}. Skipped, loudly, only where the machine has no ::1.
 */
@EnabledIf("org.signaltracker.netty.it.Ipv6Loopback#available")
class HttpTrackerOverIpv6Test {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "server.bindAddress = ::1\nclassic.minAnnounceIntervalSeconds = 0\n");

    @Test
    void ipv6PeersGetPeers6() throws Exception {
        try (TrackerHttp a = new TrackerHttp("::1", SERVER.port()); TrackerHttp b = new TrackerHttp("::1", SERVER.port())) {
            a.get("/announce?" + TrackerHttp.announce("six", "peer-a", 7701, "started", 100));
            Map<String, Object> answer = b.get("/announce?" + TrackerHttp.announce("six", "peer-b", 7702, "started", 100))
                    .dict();
            assertEquals("", answer.get("peers"));
            byte[] six = ((String) answer.get("peers6")).getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(18, six.length);
            byte[] address = new byte[16];
            System.arraycopy(six, 0, address, 0, 16);
            assertEquals(InetAddress.getByName("::1"), Inet6Address.getByAddress(address));
            assertEquals(7701, (six[16] & 0xFF) << 8 | six[17] & 0xFF);
            assertEquals(2L, answer.get("incomplete"));
        }
    }
}
