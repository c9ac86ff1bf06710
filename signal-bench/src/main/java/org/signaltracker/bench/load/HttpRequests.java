package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes the http-* scenarios' GET requests: announces with the parameters libtorrent sends (compact,
 * no_peer_id, key, numwant, event) and BEP 48 scrapes, each binary value percent-encoded byte by byte.
 * The fixed parts are encoded once; a request is a few copies and numbers into the caller's buffer.
 */
final class HttpRequests {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final byte[] announceStart;
    private final byte[] scrapeStart;
    private final byte[] headers;
    private final byte[] escapedHashes;

    /**
     * @param path      the announce path, e.g. /announce; the scrape path replaces its last "announce" with
     *                  "scrape" (BEP 48's convention)
     * @param host      the Host header's value
     * @param keepAlive whether to ask for a persistent connection (HTTP/1.1's default) or send
     *                  {@code Connection: close}, as clients that open a connection per announce do
     */
    HttpRequests(String path, String host, boolean keepAlive, ClassicTorrents torrents) {
        int cut = path.lastIndexOf("announce");
        String scrapePath = cut < 0 ? "/scrape" : path.substring(0, cut) + "scrape" + path.substring(cut + 8);
        this.announceStart = ascii("GET " + path + (path.contains("?") ? "&" : "?") + "info_hash=");
        this.scrapeStart = ascii("GET " + scrapePath + (scrapePath.contains("?") ? "&" : "?") + "info_hash=");
        this.headers = ascii(" HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: signal-tracker-load\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n");
        this.escapedHashes = torrents.escaped();
    }

    /** An announce of {@code peer}'s current {@code announce*} values (see {@link ClassicPeer#nextAnnounce}). */
    void announce(ByteBuf out, ClassicPeer peer) {
        out.writeBytes(announceStart).writeBytes(escapedHashes, peer.announceTorrent * 60, 60);
        ascii(out, "&peer_id=");
        for (byte b : peer.peerId) {
            out.writeByte('%').writeByte(HEX[(b >> 4) & 0xF]).writeByte(HEX[b & 0xF]);
        }
        ascii(out, "&port=");
        number(out, peer.port);
        ascii(out, "&uploaded=0&downloaded=");
        number(out, peer.announceLeft == 0 ? ClassicPeer.LEECHER_LEFT : 0);
        ascii(out, "&left=");
        number(out, peer.announceLeft);
        ascii(out, "&corrupt=0&key=");
        for (int shift = 28; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(peer.key >>> shift) & 0xF]);
        }
        if (peer.announceEvent.http != null) {
            ascii(out, "&event=");
            ascii(out, peer.announceEvent.http);
        }
        if (peer.announceNumWant >= 0) {
            ascii(out, "&numwant=");
            number(out, peer.announceNumWant);
        }
        ascii(out, "&compact=1&no_peer_id=1");
        out.writeBytes(headers);
    }

    /** A scrape of {@code count} torrents drawn by {@code peer}. */
    void scrape(ByteBuf out, ClassicPeer peer, int count) {
        out.writeBytes(scrapeStart).writeBytes(escapedHashes, peer.scrapeTorrent() * 60, 60);
        for (int i = 1; i < count; i++) {
            ascii(out, "&info_hash=");
            out.writeBytes(escapedHashes, peer.scrapeTorrent() * 60, 60);
        }
        out.writeBytes(headers);
    }

    /** Percent-encodes every byte of {@code in[from, from + length)} as %XX into {@code out} at {@code at}. */
    static void percentEncode(byte[] in, int from, int length, byte[] out, int at) {
        for (int i = 0; i < length; i++) {
            byte b = in[from + i];
            out[at + 3 * i] = '%';
            out[at + 3 * i + 1] = HEX[(b >> 4) & 0xF];
            out[at + 3 * i + 2] = HEX[b & 0xF];
        }
    }

    private static void number(ByteBuf out, long value) {
        if (value >= 10) {
            number(out, value / 10);
        }
        out.writeByte((int) ('0' + value % 10));
    }

    private static void ascii(ByteBuf out, String text) {
        for (int i = 0; i < text.length(); i++) {
            out.writeByte(text.charAt(i));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
