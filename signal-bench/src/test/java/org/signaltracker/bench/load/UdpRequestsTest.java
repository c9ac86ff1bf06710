package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** BEP 15 requests, byte for byte. */
class UdpRequestsTest {

    private static LoadConfig config(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "--scenario";
        args[1] = "udp";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return LoadOptions.parse(args);
    }

    @Test
    void connectIsTheMagicActionZeroAndTheTransaction() {
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[5]); // a reused buffer starts over
        UdpRequests.connect(out, 0x01020304);
        assertEquals("0000041727101980" + "00000000" + "01020304", ByteBufUtil.hexDump(out));
    }

    @Test
    void announceHasEveryFieldAtItsOffset() {
        LoadConfig config = config("--torrents", "3", "--numWant", "50", "--seederShare", "0");
        ClassicTorrents torrents = new ClassicTorrents(3);
        ClassicPeer peer = new ClassicPeer(config, 7);
        peer.nextAnnounce();
        ByteBuf out = Unpooled.buffer();
        UdpRequests.announce(out, 0x1122334455667788L, 0x0A0B0C0D, peer, torrents.hashes());
        byte[] b = ByteBufUtil.getBytes(out);
        assertEquals(UdpRequests.ANNOUNCE_LENGTH, b.length);
        assertEquals(0x1122334455667788L, out.getLong(0));
        assertEquals(1, out.getInt(8));
        assertEquals(0x0A0B0C0D, out.getInt(12));
        assertArrayEquals(Arrays.copyOfRange(torrents.hashes(), peer.announceTorrent * 20, peer.announceTorrent * 20 + 20),
                Arrays.copyOfRange(b, 16, 36));
        assertEquals("-ST0001-000000000007", new String(b, 36, 20, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, out.getLong(56), "downloaded: a leecher has nothing yet");
        assertEquals(ClassicPeer.LEECHER_LEFT, out.getLong(64));
        assertEquals(0, out.getLong(72));
        assertEquals(2, out.getInt(80), "started is 2 in BEP 15");
        assertEquals(0, out.getInt(84), "ip 0: the source address");
        assertEquals(peer.key, out.getInt(88));
        assertEquals(50, out.getInt(92));
        assertEquals(1024 + 7, out.getUnsignedShort(96));
    }

    @Test
    void scrapeCarriesTheAskedNumberOfHashes() {
        LoadConfig config = config("--torrents", "10");
        ClassicTorrents torrents = new ClassicTorrents(10);
        ByteBuf out = Unpooled.buffer();
        UdpRequests.scrape(out, 42L, 9, new ClassicPeer(config, 0), 5, torrents.hashes());
        assertEquals(16 + 5 * 20, out.readableBytes());
        assertEquals(42L, out.getLong(0));
        assertEquals(2, out.getInt(8));
        assertEquals(9, out.getInt(12));
    }
}
