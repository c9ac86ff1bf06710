package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.UdpMetrics;

/**
 * The UDP tracker over real sockets on 127.0.0.1, on the main port's number: connect, announces from two
 * endpoints that see each other, scrape counts, stopped, the error for a forged connection id, and garbage
 * that neither gets an answer nor stops anyone else from being served.
 */
class UdpTrackerOverTheWireTest {

    /** No min interval, so that a peer's plain re-announce is answered with peers at once. */
    private static final String BASE = "classic.minAnnounceIntervalSeconds = 0\n";

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(BASE);

    private static InetSocketAddress tracker() {
        InetSocketAddress udp = SERVER.server().udpAddress();
        assertEquals(SERVER.port(), udp.getPort(), "classic.udpPort = 0: the main port's number");
        return new InetSocketAddress("127.0.0.1", udp.getPort());
    }

    @Test
    void twoPeersAnnounceSeeEachOtherScrapeAndLeave() throws Exception {
        try (UdpClient a = new UdpClient("127.0.0.2", tracker()); UdpClient b = new UdpClient("127.0.0.3", tracker())) {
            a.connect();
            b.connect();
            ByteBuffer first = a.announce("udp-wire", "peer-a", 2, 1000, 6881);
            assertEquals(1, first.getInt(0));
            assertEquals(1800, first.getInt(8), "classic.announceIntervalSeconds");
            assertEquals(20, first.remaining(), "alone in the swarm: no peers");

            ByteBuffer second = b.announce("udp-wire", "peer-b", 2, 0, 6882);
            assertEquals(20 + 6, second.remaining());
            assertEquals(1, second.getInt(12), "leechers");
            assertEquals(1, second.getInt(16), "seeders");
            assertArrayEquals(new byte[] {127, 0, 0, 2, 0x1A, (byte) 0xE1}, Arrays.copyOfRange(second.array(), 20, 26));

            ByteBuffer again = a.announce("udp-wire", "peer-a", 0, 1000, 6881);
            assertArrayEquals(new byte[] {127, 0, 0, 3, 0x1A, (byte) 0xE2}, Arrays.copyOfRange(again.array(), 20, 26));

            assertArrayEquals(new int[] {1, 0, 1, 0, 0, 0}, a.scrape("udp-wire", "udp-nobody"));

            ByteBuffer stopped = b.announce("udp-wire", "peer-b", 3, 0, 6882);
            assertEquals(1, stopped.getInt(0));
            assertArrayEquals(new int[] {0, 0, 1}, a.scrape("udp-wire"));
        }
    }

    @Test
    void aForgedConnectionIdGetsAnErrorAndChangesNothing() throws Exception {
        try (UdpClient client = new UdpClient("127.0.0.4", tracker())) {
            long id = client.connect();
            ByteBuffer reply = client.announce(id ^ 0x5A5A, "udp-forged", "forger", 2, 0, 7000);
            assertEquals(TrackerError.UDP_BAD_CONNECTION_ID.reason(), UdpClient.errorText(reply,
                    client.lastTransaction()));
            assertArrayEquals(new int[] {0, 0, 0}, client.scrape("udp-forged"));
        }
    }

    @Test
    void garbageGetsNoAnswerAndOtherClientsKeepBeingServed() throws Exception {
        UdpMetrics metrics = SERVER.server().metrics().udp;
        long before = metrics.packetsReceived.sum();
        SplittableRandom random = new SplittableRandom(7);
        try (UdpClient attacker = new UdpClient("127.0.0.5", tracker());
                UdpClient honest = new UdpClient("127.0.0.6", tracker())) {
            int sent = 0;
            for (int length : new int[] {0, 1, 15, 16, 17, 97, 98, 99, 1500, 2047, 2048, 2049, 9000}) {
                byte[] garbage = new byte[length];
                for (int i = 0; i < length; i++) {
                    garbage[i] = (byte) random.nextInt(256);
                }
                if (length >= 12) {
                    garbage[8] = 0x70; // an action no client sends: never answered without a valid id
                }
                attacker.send(garbage);
                sent++;
            }
            int expected = sent;
            Await.until("every datagram was read", Duration.ofSeconds(5),
                    () -> metrics.packetsReceived.sum() >= before + expected);
            honest.connect();
            assertEquals(1, honest.announce("udp-after-garbage", "honest", 2, 0, 6999).getInt(0));
            assertNull(attacker.receive(200), "no garbage was answered");
        }
    }

    @Test
    void aReloadedIntervalReachesTheNextReply() throws Exception {
        try (UdpClient client = new UdpClient("127.0.0.7", tracker())) {
            client.connect();
            SERVER.server().live().replace(TrackerServerExtension.config(BASE
                    + "classic.announceIntervalSeconds = 600\n"));
            try {
                // The dispatcher applies a reload on its own loop, soon after the replace.
                Await.until("the reloaded interval is answered", Duration.ofSeconds(5), () -> {
                    try {
                        return client.announce("udp-reload", "reloader", 2, 0, 6000).getInt(8) == 600;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } finally {
                SERVER.server().live().replace(TrackerServerExtension.config(BASE));
            }
        }
    }
}
