package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The NIO fallback serves the UDP tracker too: one socket, one datagram per read. */
class UdpTrackerOverNioTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("server.transport = nio\n");

    @Test
    void connectAnnounceAndScrape() throws Exception {
        assertEquals("nio", SERVER.server().transport().name());
        InetSocketAddress tracker = new InetSocketAddress("127.0.0.1", SERVER.server().udpAddress().getPort());
        try (UdpClient a = new UdpClient("127.0.0.2", tracker); UdpClient b = new UdpClient("127.0.0.3", tracker)) {
            a.connect();
            b.connect();
            a.announce("udp-nio", "nio-a", 2, 10, 6881);
            ByteBuffer reply = b.announce("udp-nio", "nio-b", 2, 10, 6882);
            assertEquals(20 + 6, reply.remaining(), "b sees a");
            assertEquals(2, b.scrape("udp-nio")[2], "two leechers");
        }
    }
}
