package org.signaltracker.core.protocol.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceRequest;

class QueryDecoderTest {

    /** 20 bytes with every kind of byte: unreserved letters and digits, '-', '+', control and high bytes. */
    static final byte[] HASH = {(byte) 0xcb, 0x0c, (byte) 0xd8, (byte) 0xb3, (byte) 0x93, '-', (byte) 0x9f, 'C',
            (byte) 0xf8, (byte) 0x9e, '1', 0x1e, 0, '+', (byte) 0xff, 'z', 0x7f, '%', '&', '='};
    static final String PEER = "-LT2080-abcdefghijkl";

    private final QueryDecoder decoder = new QueryDecoder();
    private final AnnounceQuery announce = new AnnounceQuery();

    /** Percent-encodes every byte that is not an unreserved character, in lowercase (as libtorrent does). */
    static String lower(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                s.append((char) c);
            } else {
                s.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        return s.toString();
    }

    /** Every byte as uppercase %XX (as aria2 does for the bytes it encodes). */
    static String upper(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%%%02X", b & 0xFF));
        }
        return s.toString();
    }

    private TrackerError announce(String query) {
        byte[] q = query.getBytes(StandardCharsets.ISO_8859_1);
        return decoder.announce(q, 0, q.length, announce);
    }

    private static String base() {
        return "info_hash=" + lower(HASH) + "&peer_id=" + PEER + "&port=6881";
    }

    @Test
    void libtorrentsLowercaseHexAndLiteralBytes() {
        assertNull(announce("info_hash=" + lower(HASH) + "&peer_id=" + PEER + "&port=16895&uploaded=0&downloaded=0"
                + "&left=0&corrupt=0&key=98200701&event=started&numwant=200&compact=1&no_peer_id=1&supportcrypto=1"
                + "&redundant=0"));
        assertArrayEquals(HASH, announce.announce.infoHash);
        assertArrayEquals(PEER.getBytes(StandardCharsets.US_ASCII), announce.announce.peerId);
        assertEquals(16895, announce.announce.port);
        assertEquals(0, announce.announce.left);
        assertEquals(AnnounceEvent.STARTED, announce.announce.event);
        assertEquals(200, announce.requestedNumWant);
        assertTrue(announce.compact);
        assertTrue(announce.noPeerId);
    }

    @Test
    void aria2sUppercaseHexAndItsBinaryKey() {
        byte[] peer = "A2-1-36-0-\u00d3\u00f65abcdefg".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(announce("info_hash=" + upper(HASH) + "&peer_id=A2-1-36-0-%D3%F65abcdefg&uploaded=0"
                + "&downloaded=0&left=3000000&compact=1&key=5%11%5E%8A%A5d%CB%81&numwant=50&no_peer_id=1"
                + "&port=16897&event=started&supportcrypto=1"));
        assertArrayEquals(HASH, announce.announce.infoHash);
        assertArrayEquals(peer, announce.announce.peerId);
        assertEquals(3_000_000, announce.announce.left);
        assertEquals(16897, announce.announce.port);
        assertEquals(50, announce.requestedNumWant);
    }

    @Test
    void plusIsAPlusAndRawHighBytesAreTakenAsTheyAre() {
        byte[] hash = "++++++++++++++++++++".getBytes(StandardCharsets.US_ASCII);
        hash[0] = (byte) 0xe9;
        assertNull(announce("info_hash=\u00e9+++++++++++++++++++&peer_id=" + PEER + "&port=1"));
        assertArrayEquals(hash, announce.announce.infoHash);
    }

    @Test
    void truncatedAndInvalidEscapesAreRefused() {
        assertEquals(TrackerError.BAD_PERCENT_ENCODING, announce("info_hash=" + lower(HASH).substring(0, 10) + "%4"));
        assertEquals(TrackerError.BAD_PERCENT_ENCODING, announce("info_hash=%4"));
        assertEquals(TrackerError.BAD_PERCENT_ENCODING, announce("info_hash=%"));
        assertEquals(TrackerError.BAD_PERCENT_ENCODING, announce("info_hash=%zz" + lower(HASH).substring(3)));
        assertEquals(TrackerError.BAD_PERCENT_ENCODING, announce("info_hash=%g0aaaaaaaaaaaaaaaaaaa"));
        assertEquals(TrackerError.BAD_PERCENT_ENCODING, announce("info_hash=" + lower(HASH) + "&peer_id=%x1"));
    }

    @Test
    void missingAndWronglySizedInfoHashes() {
        assertEquals(TrackerError.MISSING_INFO_HASH, announce(""));
        assertEquals(TrackerError.MISSING_INFO_HASH, announce("peer_id=" + PEER + "&port=1"));
        assertEquals(TrackerError.BAD_QUERY_INFO_HASH, announce("info_hash=" + upper(new byte[19])
                + "&peer_id=" + PEER + "&port=1"), "19 bytes");
        assertEquals(TrackerError.BAD_QUERY_INFO_HASH, announce("info_hash=" + upper(new byte[21])
                + "&peer_id=" + PEER + "&port=1"), "21 bytes");
        assertEquals(TrackerError.BAD_QUERY_INFO_HASH, announce("info_hash&peer_id=" + PEER + "&port=1"));
        assertEquals(TrackerError.DUPLICATE_INFO_HASH, announce(base() + "&info_hash=" + upper(HASH)));
    }

    @Test
    void peerIdIsRequiredAndTwentyBytes() {
        assertEquals(TrackerError.BAD_QUERY_PEER_ID, announce("info_hash=" + upper(HASH) + "&port=1"));
        assertEquals(TrackerError.BAD_QUERY_PEER_ID, announce("info_hash=" + upper(HASH) + "&port=1&peer_id=short"));
    }

    @Test
    void portMustBeOneTo65535() {
        String noPort = "info_hash=" + upper(HASH) + "&peer_id=" + PEER;
        assertEquals(TrackerError.BAD_PORT, announce(noPort));
        assertEquals(TrackerError.BAD_PORT, announce(noPort + "&port=0"));
        assertEquals(TrackerError.BAD_PORT, announce(noPort + "&port=65536"));
        assertEquals(TrackerError.BAD_PORT, announce(noPort + "&port=-1"));
        assertEquals(TrackerError.BAD_PORT, announce(noPort + "&port=80a"));
        assertEquals(TrackerError.BAD_PORT, announce(noPort + "&port="));
        assertNull(announce(noPort + "&port=65535"));
        assertEquals(65535, announce.announce.port);
    }

    @Test
    void numwantNegativeMeansTheDefaultAndHugeIsCapped() {
        ClassicConfig classic = ClassicConfig.defaults();
        assertNull(announce(base()));
        assertEquals(-1, announce.requestedNumWant, "absent");
        assertEquals(classic.defaultNumWant(), classic.numWant(announce.requestedNumWant));
        assertNull(announce(base() + "&numwant=-5"));
        assertEquals(classic.defaultNumWant(), classic.numWant(announce.requestedNumWant));
        assertNull(announce(base() + "&numwant=99999999999999999999999"));
        assertEquals(Integer.MAX_VALUE, announce.requestedNumWant);
        assertEquals(classic.maxNumWant(), classic.numWant(announce.requestedNumWant));
        assertNull(announce(base() + "&numwant=0"));
        assertEquals(0, classic.numWant(announce.requestedNumWant), "stopped announces ask for none");
        assertEquals(TrackerError.BAD_QUERY_NUMBER, announce(base() + "&numwant=ten"));
        assertEquals(TrackerError.BAD_QUERY_NUMBER, announce(base() + "&numwant=-"));
    }

    @Test
    void countsAreDecimalAndLeftIsUnknownWhenAbsent() {
        assertNull(announce(base()));
        assertEquals(AnnounceRequest.LEFT_UNKNOWN, announce.announce.left);
        assertNull(announce(base() + "&uploaded=12&downloaded=34&left=56"));
        assertEquals(12, announce.announce.uploaded);
        assertEquals(34, announce.announce.downloaded);
        assertEquals(56, announce.announce.left);
        assertEquals(TrackerError.BAD_QUERY_NUMBER, announce(base() + "&left=-1"));
        assertEquals(TrackerError.BAD_QUERY_NUMBER, announce(base() + "&uploaded=1e9"));
        assertNull(announce(base() + "&downloaded=123456789012345678901234567890"));
        assertEquals(Long.MAX_VALUE, announce.announce.downloaded, "saturated, not wrapped");
    }

    @Test
    void eventsByName() {
        String[][] cases = {{"started", "STARTED"}, {"completed", "COMPLETED"}, {"stopped", "STOPPED"},
                {"paused", "PAUSED"}, {"", "UPDATE"}, {"empty", "UPDATE"}, {"update", "UPDATE"}};
        for (String[] c : cases) {
            assertNull(announce(base() + "&event=" + c[0]), c[0]);
            assertEquals(AnnounceEvent.valueOf(c[1]), announce.announce.event, c[0]);
        }
        assertEquals(TrackerError.BAD_EVENT, announce(base() + "&event=finished"));
    }

    @Test
    void compactZeroAsksForTheDictionaryModel() {
        assertNull(announce(base()));
        assertTrue(announce.compact, "compact is the default");
        assertFalse(announce.noPeerId);
        assertNull(announce(base() + "&compact=0&no_peer_id=1"));
        assertFalse(announce.compact);
        assertTrue(announce.noPeerId);
        assertNull(announce(base() + "&compact=1"));
        assertTrue(announce.compact, "a reused query starts over");
        assertFalse(announce.noPeerId);
    }

    @Test
    void theIpParameterIsKeptAsText() {
        assertNull(announce(base() + "&ip=2001%3Adb8%3A%3A1"));
        assertEquals("2001:db8::1", announce.ipParameter());
        assertNull(announce(base()));
        assertNull(announce.ipParameter());
        assertNull(announce(base() + "&ip=" + "x".repeat(46)));
        assertNull(announce.ipParameter(), "longer than any address literal: dropped");
    }

    @Test
    void emptyPairsAndUnknownKeysAreSkipped() {
        assertNull(announce("&&" + base() + "&&trackerid=&passkey=%FF%FE&=x&"));
        assertArrayEquals(HASH, announce.announce.infoHash);
    }

    private TrackerError scrape(String query, ScrapeQuery out) {
        byte[] q = query.getBytes(StandardCharsets.ISO_8859_1);
        return decoder.scrape(q, 0, q.length, out);
    }

    @Test
    void scrapeTakesRepeatedHashesSortedByBytesWithoutRepeats() {
        ScrapeQuery out = new ScrapeQuery(4);
        byte[] a = new byte[20];
        byte[] b = new byte[20];
        byte[] c = new byte[20];
        a[0] = 0x7f;
        b[0] = (byte) 0x80;
        c[19] = 1;
        assertNull(scrape("info_hash=" + upper(b) + "&info_hash=" + lower(a) + "&info_hash=" + upper(c)
                + "&info_hash=" + lower(b), out));
        assertEquals(3, out.count());
        byte[] h = out.hashes();
        assertArrayEquals(c, java.util.Arrays.copyOfRange(h, 0, 20));
        assertArrayEquals(a, java.util.Arrays.copyOfRange(h, 20, 40));
        assertArrayEquals(b, java.util.Arrays.copyOfRange(h, 40, 60), "0x80 sorts after 0x7f: unsigned bytes");
    }

    @Test
    void scrapeRefusesFullScrapesBadHashesAndMoreThanItsCap() {
        ScrapeQuery out = new ScrapeQuery(2);
        assertEquals(TrackerError.FULL_SCRAPE_REFUSED, scrape("", out));
        assertEquals(TrackerError.FULL_SCRAPE_REFUSED, scrape("passkey=abc", out));
        assertEquals(TrackerError.BAD_QUERY_INFO_HASH, scrape("info_hash=" + upper(new byte[19]), out));
        assertEquals(TrackerError.BAD_PERCENT_ENCODING, scrape("info_hash=%4", out));
        String one = "info_hash=" + upper(HASH);
        assertNull(scrape(one + "&" + one, out));
        assertEquals(1, out.count());
        assertEquals(TrackerError.TOO_MANY_SCRAPE_HASHES, scrape(one + "&" + one + "&" + one, out));
    }
}
