package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The http-* GET requests, byte for byte. */
class HttpRequestsTest {

    private static String escaped(ClassicTorrents torrents, int torrent) {
        return new String(torrents.escaped(), torrent * 60, 60, StandardCharsets.US_ASCII);
    }

    @Test
    void announceCarriesWhatLibtorrentSends() {
        LoadConfig config = LoadOptions.parse(new String[] {"--scenario", "http-new", "--torrents", "4",
            "--seederShare", "0", "--numWant", "50"});
        ClassicTorrents torrents = new ClassicTorrents(4);
        ClassicPeer peer = new ClassicPeer(config, 2);
        peer.nextAnnounce();
        ByteBuf out = Unpooled.buffer();
        new HttpRequests("/announce", "127.0.0.1:6969", false, torrents).announce(out, peer);
        String key = String.format("%08X", peer.key);
        assertEquals("GET /announce?info_hash=" + escaped(torrents, peer.announceTorrent)
                + "&peer_id=%2D%53%54%30%30%30%31%2D%30%30%30%30%30%30%30%30%30%30%30%32"
                + "&port=1026&uploaded=0&downloaded=0&left=1000000&corrupt=0&key=" + key
                + "&event=started&numwant=50&compact=1&no_peer_id=1 HTTP/1.1\r\nHost: 127.0.0.1:6969\r\n"
                + "User-Agent: signal-tracker-load\r\nConnection: close\r\n\r\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void scrapeGoesToTheScrapePathWithEveryHashAndKeepAliveSendsNoClose() {
        LoadConfig config = LoadOptions.parse(new String[] {"--scenario", "http-keepalive", "--torrents", "4"});
        ClassicTorrents torrents = new ClassicTorrents(4);
        ByteBuf out = Unpooled.buffer();
        new HttpRequests("/t/announce?passkey=abc", "127.0.0.1:1", true, torrents)
                .scrape(out, new ClassicPeer(config, 0), 3);
        String text = out.toString(StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("GET /t/scrape?passkey=abc&info_hash=%"), text);
        assertEquals(3, text.split("info_hash=", -1).length - 1, text);
        assertTrue(text.endsWith(" HTTP/1.1\r\nHost: 127.0.0.1:1\r\nUser-Agent: signal-tracker-load\r\n\r\n"), text);
    }

    @Test
    void percentEncodingIsThreeBytesPerByte() {
        byte[] out = new byte[9];
        HttpRequests.percentEncode(new byte[] {0, (byte) 0xAB, 'z'}, 0, 3, out, 0);
        assertEquals("%00%AB%7A", new String(out, StandardCharsets.US_ASCII));
    }
}
