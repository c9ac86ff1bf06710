package org.signaltracker.core.protocol.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.ClassicConfig;

/** The peers of UDP announce replies: each family in its own stride, the numwant default and the caps. */
class UdpAnnouncePeersTest extends UdpDispatcherFixture {

    private static byte[] ipv4(int i) {
        return new byte[] {10, 1, (byte) (i >>> 8), (byte) i};
    }

    private static byte[] ipv6(int i) {
        byte[] address = new byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        address[2] = 0x0d;
        address[3] = (byte) 0xb8;
        address[14] = (byte) (i >>> 8);
        address[15] = (byte) i;
        return address;
    }

    /** Announces {@code count} peers (started, leechers) from their own addresses, all on port 6881. */
    private void fill(int count, boolean v6) {
        for (int i = 1; i <= count; i++) {
            byte[] source = v6 ? ipv6(i) : ipv4(i);
            long id = connect(source);
            send(UdpPackets.announce(id, i, HASH, UdpPackets.id("filler-" + i), 2, 100, 0, 6881), source);
        }
    }

    private byte[] announce(byte[] source, int numWant) {
        long id = connect(source);
        return send(UdpPackets.announce(id, 99, HASH, UdpPackets.id("asker"), 2, 100, numWant, 7000), source);
    }

    @Test
    void twoIpv4PeersSeeEachOtherInSixByteEntries() {
        fill(1, false);
        byte[] reply = announce(CLIENT, -1);
        assertEquals(20 + 6, reply.length);
        assertArrayEquals(new byte[] {10, 1, 0, 1, 0x1A, (byte) 0xE1}, Arrays.copyOfRange(reply, 20, 26));
        assertEquals(2, UdpPackets.readInt(reply, 12), "two leechers");
    }

    @Test
    void ipv6PeersComeInEighteenByteEntriesWithActionOne() {
        fill(2, true);
        byte[] reply = announce(ipv6(500), -1);
        assertEquals(1, UdpPackets.readInt(reply, 0));
        assertEquals(20 + 2 * 18, reply.length);
        Set<String> seen = new HashSet<>();
        for (int at = 20; at < reply.length; at += 18) {
            assertEquals(6881, (reply[at + 16] & 0xFF) << 8 | reply[at + 17] & 0xFF);
            seen.add(Arrays.toString(Arrays.copyOfRange(reply, at, at + 16)));
        }
        assertEquals(Set.of(Arrays.toString(ipv6(1)), Arrays.toString(ipv6(2))), seen);
    }

    @Test
    void theFamiliesAreNeverMixed() {
        fill(3, true);
        assertEquals(20, announce(CLIENT, -1).length, "an IPv4 client gets no IPv6 peer");
    }

    @Test
    void numWantMinusOneGivesTheDefault() {
        fill(CLASSIC.defaultNumWant() + 10, false);
        assertEquals(20 + 6 * CLASSIC.defaultNumWant(), announce(CLIENT, -1).length);
        assertEquals(20 + 6 * 3, announce(new byte[] {127, 0, 0, 2}, 3).length);
        assertEquals(20, announce(new byte[] {127, 0, 0, 3}, 0).length);
    }

    @Test
    void anIpv4AnswerHoldsAtMost200PeersIn1220Bytes() {
        dispatcher.reconfigure(new ClassicConfig("on", "on", 0, 1800, 900, 2700, 50, 1000, 64, "", "off", 30,
                4 << 20));
        fill(230, false);
        byte[] reply = announce(CLIENT, 1000);
        assertEquals(1220, reply.length);
        assertEquals(AmplificationBound.MAX_REPLY_BYTES, reply.length);
    }

    @Test
    void anIpv6AnswerHoldsAtMost66PeersIn1208Bytes() {
        dispatcher.reconfigure(new ClassicConfig("on", "on", 0, 1800, 900, 2700, 50, 1000, 64, "", "off", 30,
                4 << 20));
        fill(100, true);
        assertEquals(20 + 66 * 18, announce(ipv6(900), -1 >>> 1).length);
    }

    @Test
    void aStoppedPeerLeavesTheSwarm() {
        long id = connect(CLIENT);
        send(UdpPackets.announce(id, 1, HASH, UdpPackets.id("leaver"), 2, 100, 0, 6881), CLIENT);
        assertEquals(1, core.peerCount());
        send(UdpPackets.announce(id, 2, HASH, UdpPackets.id("leaver"), 3, 100, 0, 6881), CLIENT);
        assertEquals(0, core.peerCount());
    }
}
