package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.ScrapeCounts;

/** Decode → encode round trips: every outgoing message's exact bytes, and what a JSON parser reads from them. */
class WebTorrentEncoderTest {

    /** Every id edge: control characters, quote, backslash, DEL and both ends of the two-byte UTF-8 range. */
    private static final String HASH = TestJson.id("\u0000\u001f\"\\\u007f\u0080\u00ff-hash");
    private static final String PEER = TestJson.id("-WW0208-\u00e9\u0001peer");
    private static final String OTHER = TestJson.id("-WW0208-other");

    private final WebTorrentDecoder decoder = new WebTorrentDecoder(10, 4);
    private final WebTorrentEncoder encoder = new WebTorrentEncoder(new TrackerConfig(120, 20, 240, 30, 10, 4, 8));

    private InboundMessage decode(String json) {
        byte[] bytes = TestJson.utf8(json);
        InboundMessage m = decoder.decode(bytes, bytes.length);
        assertNull(m.error, json);
        return m;
    }

    private String written() {
        return new String(encoder.bytes(), 0, encoder.size(), StandardCharsets.UTF_8);
    }

    private static long number(Map<String, Object> json, String key) {
        return ((Number) json.get(key)).longValue();
    }

    @Test
    void announceResponse() {
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":"
                + TestJson.quote(PEER) + ",\"event\":\"started\",\"left\":0}");
        encoder.announceResponse(m, 7, 1234567, null);
        assertEquals("{\"action\":\"announce\",\"interval\":120,\"min interval\":20,\"complete\":7,\"incomplete\":1234567,"
                + "\"info_hash\":" + TestJson.quote(HASH) + "}", written());
        Map<String, Object> json = TestJson.parse(written());
        assertEquals(HASH, json.get("info_hash"), "the id must read back as the same 20 characters");
        assertEquals(7, number(json, "complete"));
        assertFalse(json.containsKey("warning message"));

        encoder.announceResponse(m, 0, 0, "slow \"down\" \\ now");
        Map<String, Object> warned = TestJson.parse(written());
        assertEquals("slow \"down\" \\ now", warned.get("warning message"));
        assertEquals(120, number(warned, "interval"));
        assertEquals(HASH, warned.get("info_hash"));
    }

    @Test
    void relayedOfferCopiesTheSendersBytes() {
        // Odd spacing, escapes, non-Latin-1 text and a long escaped offer_id: all must pass through untouched.
        String offer0 = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}";
        String offer1 = "{ \"type\" :\t\"offer\" ,\n \"sdp\" : \"a=x:\u00e9\u2603\ud83d\ude00\\u2028\\\"q\\\"\" , \"n\":[1,{}] }";
        String id1 = "\"\\u00ff\\u0000" + "z".repeat(62) + "\"";
        InboundMessage m = decode("{\"offers\":[{\"offer\":" + offer0 + ",\"offer_id\":\"id-0\"},{\"offer_id\":" + id1
                + " , \"offer\":" + offer1 + "}],\"action\":\"announce\",\"peer_id\":" + TestJson.quote(PEER)
                + ",\"info_hash\":" + TestJson.quote(HASH) + "}");
        assertEquals(2, m.announce.offerCount);

        encoder.relayedOffer(m, 1);
        assertEquals("{\"action\":\"announce\",\"offer\":" + offer1 + ",\"offer_id\":" + id1 + ",\"peer_id\":"
                + TestJson.quote(PEER) + ",\"info_hash\":" + TestJson.quote(HASH) + "}", written());
        Map<String, Object> json = TestJson.parse(written());
        assertEquals("announce", json.get("action"));
        assertEquals(PEER, json.get("peer_id"));
        assertEquals(HASH, json.get("info_hash"));
        assertEquals("\u00ff\u0000" + "z".repeat(62), json.get("offer_id"));

        encoder.relayedOffer(m, 0);
        assertEquals("{\"action\":\"announce\",\"offer\":" + offer0 + ",\"offer_id\":\"id-0\",\"peer_id\":"
                + TestJson.quote(PEER) + ",\"info_hash\":" + TestJson.quote(HASH) + "}", written(),
                "the reused writer holds only the last message");
    }

    @Test
    void relayedAnswerCopiesTheAnswerersBytes() {
        String answer = "{\"type\":\"answer\",   \"sdp\":\"v=0\\r\\na=\u00fc\"}";
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":"
                + TestJson.quote(PEER) + ",\"to_peer_id\":" + TestJson.quote(OTHER) + ",\"answer\":" + answer
                + ",\"offer_id\":\"\\u0041bc\"}");
        assertEquals(MessageKind.ANSWER, m.kind);
        encoder.relayedAnswer(m);
        assertEquals("{\"action\":\"announce\",\"answer\":" + answer + ",\"offer_id\":\"\\u0041bc\",\"peer_id\":"
                + TestJson.quote(PEER) + ",\"info_hash\":" + TestJson.quote(HASH) + "}", written());
        Map<String, Object> json = TestJson.parse(written());
        assertEquals("Abc", json.get("offer_id"));
        assertEquals(PEER, json.get("peer_id"), "peer_id is the answerer: the offerer matches it to its offer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scrapeResponseKeysFilesByTheBinaryHash() {
        String second = TestJson.id("second\u00c0");
        InboundMessage m = decode("{\"action\":\"scrape\",\"info_hash\":[" + TestJson.quote(HASH) + ", "
                + TestJson.quote(second) + "]}");
        ScrapeCounts counts = new ScrapeCounts();
        encoder.beginScrape();
        counts.complete = 3;
        counts.incomplete = 4;
        counts.downloaded = 5;
        encoder.scrapeFile(m, 0, counts);
        counts.complete = 0;
        counts.incomplete = 0;
        counts.downloaded = 0;
        encoder.scrapeFile(m, 1, counts);
        encoder.endScrape();
        assertEquals("{\"action\":\"scrape\",\"files\":{" + TestJson.quote(HASH)
                + ":{\"complete\":3,\"incomplete\":4,\"downloaded\":5}," + TestJson.quote(second)
                + ":{\"complete\":0,\"incomplete\":0,\"downloaded\":0}},\"flags\":{\"min_request_interval\":120}}",
                written());
        Map<String, Object> files = (Map<String, Object>) TestJson.parse(written()).get("files");
        assertEquals(2, files.size());
        assertEquals(5, number((Map<String, Object>) files.get(HASH), "downloaded"));
        assertEquals(0, number((Map<String, Object>) files.get(second), "complete"));

        InboundMessage empty = decode("{\"action\":\"scrape\",\"info_hash\":[]}");
        encoder.beginScrape();
        assertEquals(0, empty.scrapeCount);
        encoder.endScrape();
        assertEquals("{\"action\":\"scrape\",\"files\":{},\"flags\":{\"min_request_interval\":120}}", written());
    }

    @Test
    void failures() {
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":"
                + TestJson.quote(PEER) + "}");
        encoder.failure(TrackerError.SWARM_FULL, false, m);
        assertEquals("{\"action\":\"announce\",\"failure reason\":\"this swarm is full\",\"info_hash\":"
                + TestJson.quote(HASH) + "}", written());

        encoder.failure(TrackerError.MISSING_ACTION, false, null);
        Map<String, Object> noHash = TestJson.parse(written());
        assertEquals("announce", noHash.get("action"));
        assertEquals(TrackerError.MISSING_ACTION.reason(), noHash.get("failure reason"), "quotes in reasons are escaped");
        assertFalse(noHash.containsKey("info_hash"));

        encoder.failure(TrackerError.TOO_MANY_SCRAPE_HASHES, true, m);
        Map<String, Object> scrape = TestJson.parse(written());
        assertEquals("scrape", scrape.get("action"));
        assertEquals(HASH, scrape.get("info_hash"));
    }

    @Test
    void everyFailureReasonEncodesToValidJson() {
        for (TrackerError error : TrackerError.values()) {
            encoder.failure(error, false, null);
            assertEquals(error.reason(), TestJson.parse(written()).get("failure reason"), error.name());
        }
    }

    @Test
    void largeMessagesGrowTheWriter() {
        String sdp = "a=candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\\r\\n".repeat(2000);
        String offer = "{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}";
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":"
                + TestJson.quote(PEER) + ",\"offers\":[{\"offer\":" + offer + ",\"offer_id\":\"x\"}]}");
        encoder.relayedOffer(m, 0);
        assertTrue(written().contains("\"offer\":" + offer + ","));
        encoder.announceResponse(m, 1, 2, null);
        assertEquals(2, number(TestJson.parse(written()), "incomplete"), "a short message after a long one");
    }
}
