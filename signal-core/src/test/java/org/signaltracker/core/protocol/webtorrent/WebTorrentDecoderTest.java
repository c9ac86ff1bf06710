package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceRequest;

class WebTorrentDecoderTest {

    private static final String IH = TestJson.quote(TestJson.id("hash\u00e9\u0000\"\\\u00ff"));
    private static final String PID = TestJson.quote(TestJson.id("-WW0208-peer"));

    private final WebTorrentDecoder decoder = new WebTorrentDecoder(10, 3);

    private InboundMessage decode(String json) {
        byte[] bytes = TestJson.utf8(json);
        return decoder.decode(bytes, bytes.length);
    }

    private static String raw(InboundMessage m, int start, int end) {
        return new String(m.buffer, start, end - start, StandardCharsets.UTF_8);
    }

    @Test
    void browserAnnounceWithOffers() {
        String offer0 = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}";
        String offer1 = "{ \"type\" : \"offer\", \"sdp\" : \"\u00e9t\u00e9 \u2603\" }";
        InboundMessage m = decode("{\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"left\":1024,\"event\":\"started\","
                + "\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID + ",\"offers\":["
                + "{\"offer\":" + offer0 + ",\"offer_id\":\"0123456789abcdefghij\"},"
                + "{\"offer_id\":\"\\u00ff123456789abcdefgh\", \"offer\":" + offer1 + " }],\"extra\":{\"x\":[1,2]}}");
        assertNull(m.error);
        assertEquals(MessageKind.ANNOUNCE, m.kind);
        AnnounceRequest r = m.announce;
        assertArrayEquals(TestJson.id("hash\u00e9\u0000\"\\\u00ff").getBytes(StandardCharsets.ISO_8859_1), r.infoHash);
        assertArrayEquals(TestJson.id("-WW0208-peer").getBytes(StandardCharsets.ISO_8859_1), r.peerId);
        assertEquals(AnnounceEvent.STARTED, r.event);
        assertEquals(1024, r.left);
        assertEquals(5, r.numWant);
        assertEquals(2, r.offerCount);
        assertEquals(offer0, raw(m, m.offerStart[0], m.offerEnd[0]));
        assertEquals(offer1, raw(m, m.offerStart[1], m.offerEnd[1]), "offers are kept verbatim");
        assertEquals("\"\\u00ff123456789abcdefgh\"", raw(m, m.offerIdStart[1], m.offerIdEnd[1]));
        assertEquals(IH, raw(m, m.infoHashStart, m.infoHashEnd));
        assertEquals(0, m.junkOffers);
    }

    @Test
    void offerIdsAreKeyedByTheirCharactersWhateverTheirSpelling() {
        InboundMessage offers = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"offers\":[{\"offer\":{},\"offer_id\":\"\\u00ffid\\\"x\"},{\"offer\":{},\"offer_id\":\"other\"}]}");
        assertNull(offers.error);
        long escaped = offers.announce.offerKeys[0];
        long other = offers.announce.offerKeys[1];
        byte[] chars = {(byte) 0xFF, 'i', 'd', '"', 'x'};
        assertEquals(AnnounceRequest.offerKey(chars, chars.length), escaped);
        assertTrue(escaped != other);

        // The answerer's JSON writes the same id differently: raw UTF-8 and a unicode escape for the quote.
        InboundMessage answer = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"to_peer_id\":" + PID + ",\"answer\":{},\"offer_id\":\"\u00ffid\\u0022x\"}");
        assertEquals(MessageKind.ANSWER, answer.kind);
        assertEquals(escaped, answer.answerOfferKey);
    }

    @Test
    void answerMessage() {
        String answer = "{\"type\":\"answer\",\"sdp\":\"v=0\"}";
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"to_peer_id\":" + TestJson.quote(TestJson.id("other")) + ",\"answer\":" + answer
                + ",\"offer_id\":\"0123456789abcdef\"}");
        assertNull(m.error);
        assertEquals(MessageKind.ANSWER, m.kind);
        assertArrayEquals(TestJson.id("other").getBytes(StandardCharsets.ISO_8859_1), m.toPeerId);
        assertEquals(answer, raw(m, m.answerStart, m.answerEnd));
        assertEquals("\"0123456789abcdef\"", raw(m, m.offerIdTokenStart, m.offerIdTokenEnd), "16-char offer ids pass");
    }

    @ParameterizedTest
    @CsvSource({"started,STARTED", "completed,COMPLETED", "stopped,STOPPED", "update,UPDATE", "empty,UPDATE",
        "paused,PAUSED", "'',UPDATE"})
    void eventNames(String name, AnnounceEvent expected) {
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"event\":\"" + name + "\"}");
        assertNull(m.error);
        assertEquals(expected, m.announce.event);
    }

    @Test
    void missingOrNullFieldsAreTolerated() {
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"left\":null,\"offers\":null,\"event\":null,\"uploaded\":null}");
        assertNull(m.error);
        assertEquals(AnnounceRequest.LEFT_UNKNOWN, m.announce.left);
        assertEquals(AnnounceRequest.NUMWANT_ABSENT, m.announce.numWant);
        assertEquals(AnnounceEvent.UPDATE, m.announce.event);
        assertEquals(0, m.announce.offerCount);
    }

    @Test
    void junkOfferEntriesAreSkippedAndCounted() {
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"offers\":[{\"fake_offer\":\"fake_offer_0\"},7,\"x\",{\"offer\":\"not an object\",\"offer_id\":\"a\"},"
                + "{\"offer\":{\"sdp\":\"ok\"},\"offer_id\":\"" + "z".repeat(65) + "\"},"
                + "{\"offer\":{\"sdp\":\"ok\"},\"offer_id\":\"good\"}]}");
        assertNull(m.error);
        assertEquals(5, m.junkOffers);
        assertEquals(1, m.announce.offerCount);
    }

    @Test
    void offersBeyondTheStorageLimitAreDropped() {
        StringBuilder offers = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            offers.append(i == 0 ? "" : ",").append("{\"offer\":{},\"offer_id\":\"id").append(i).append("\"}");
        }
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"offers\":[" + offers + "]}");
        assertNull(m.error);
        assertEquals(10, m.announce.offerCount);
    }

    @Test
    void scrapeForms() {
        InboundMessage single = decode("{\"action\":\"scrape\",\"info_hash\":" + IH + "}");
        assertEquals(MessageKind.SCRAPE, single.kind);
        assertEquals(1, single.scrapeCount);
        InboundMessage array = decode("{\"action\":\"scrape\",\"info_hash\":[" + IH + "," + PID + "]}");
        assertEquals(MessageKind.SCRAPE, array.kind);
        assertEquals(2, array.scrapeCount);
        assertArrayEquals(TestJson.id("-WW0208-peer").getBytes(StandardCharsets.ISO_8859_1), array.scrapeHashes[1]);
        InboundMessage empty = decode("{\"action\":\"scrape\",\"info_hash\":[]}");
        assertEquals(MessageKind.SCRAPE, empty.kind);
        assertEquals(0, empty.scrapeCount);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json                 | {action:announce}                                           | MALFORMED_JSON",
        "truncated                | {\"action\":\"announce\",\"info_hash\":                       | MALFORMED_JSON",
        "trailing garbage         | {\"action\":\"announce\"} x                                   | MALFORMED_JSON",
        "array                    | [1,2]                                                       | NOT_AN_OBJECT",
        "string                   | \"announce\"                                                | NOT_AN_OBJECT",
        "empty object             | {}                                                          | MISSING_ACTION",
        "unknown action           | {\"action\":\"connect\"}                                     | UNKNOWN_ACTION",
        "action wrong type        | {\"action\":5}                                              | UNKNOWN_ACTION",
        "missing info_hash        | {\"action\":\"announce\",\"peer_id\":PID}                    | BAD_INFO_HASH",
        "info_hash 19 chars       | {\"action\":\"announce\",\"info_hash\":\"1234567890123456789\",\"peer_id\":PID} | BAD_INFO_HASH",
        "info_hash 21 chars       | {\"action\":\"announce\",\"info_hash\":\"123456789012345678901\",\"peer_id\":PID} | BAD_INFO_HASH",
        "info_hash above U+00FF   | {\"action\":\"announce\",\"info_hash\":\"1234567890123456789\u0100\",\"peer_id\":PID} | BAD_INFO_HASH",
        "info_hash number         | {\"action\":\"announce\",\"info_hash\":12,\"peer_id\":PID}  | BAD_INFO_HASH",
        "missing peer_id          | {\"action\":\"announce\",\"info_hash\":IH}                  | BAD_PEER_ID",
        "peer_id above U+00FF     | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":\"\\u20ac234567890123456789\"} | BAD_PEER_ID",
        "unknown event            | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"event\":\"restart\"} | BAD_EVENT",
        "event number             | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"event\":1} | BAD_EVENT",
        "negative left            | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"left\":-1} | BAD_LEFT",
        "left string              | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"left\":\"5\"} | BAD_LEFT",
        "left fraction            | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"left\":1.5} | BAD_LEFT",
        "numwant string           | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"numwant\":\"5\"} | BAD_NUMWANT",
        "uploaded negative        | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"uploaded\":-4} | BAD_NUMBER_FIELD",
        "offers object            | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"offers\":{}} | BAD_OFFERS",
        "offers string            | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"offers\":\"x\"} | BAD_OFFERS",
        "answer not object        | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"answer\":\"sdp\",\"to_peer_id\":PID,\"offer_id\":\"a\"} | BAD_ANSWER",
        "answer without to_peer   | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"answer\":{},\"offer_id\":\"a\"} | BAD_TO_PEER_ID",
        "answer without offer_id  | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"answer\":{},\"to_peer_id\":PID} | BAD_OFFER_ID",
        "answer empty offer_id    | {\"action\":\"announce\",\"info_hash\":IH,\"peer_id\":PID,\"answer\":{},\"to_peer_id\":PID,\"offer_id\":\"\"} | BAD_OFFER_ID",
        "full scrape              | {\"action\":\"scrape\"}                                      | FULL_SCRAPE_REFUSED",
        "scrape null              | {\"action\":\"scrape\",\"info_hash\":null}                   | FULL_SCRAPE_REFUSED",
        "scrape bad element       | {\"action\":\"scrape\",\"info_hash\":[IH,\"short\"]}         | BAD_SCRAPE_INFO_HASH",
        "scrape number            | {\"action\":\"scrape\",\"info_hash\":7}                      | BAD_SCRAPE_INFO_HASH",
        "scrape too many          | {\"action\":\"scrape\",\"info_hash\":[IH,IH,IH,IH]}          | TOO_MANY_SCRAPE_HASHES",
    })
    void badInputGivesTheMatchingError(String name, String json, TrackerError expected) {
        InboundMessage m = decode(json.replace("IH", IH).replace("PID", PID));
        assertEquals(expected, m.error, name);
        assertNull(m.kind, name);
    }

    @Test
    void failuresRememberTheValidInfoHashAndTheScrapeAction() {
        InboundMessage m = decode("{\"info_hash\":" + IH + ",\"action\":\"announce\",\"peer_id\":\"short\"}");
        assertEquals(TrackerError.BAD_PEER_ID, m.error);
        assertTrue(m.hasInfoHash());
        assertFalse(m.scrapeAction);
        InboundMessage s = decode("{\"action\":\"scrape\",\"info_hash\":[1,2");
        assertEquals(TrackerError.MALFORMED_JSON, s.error);
        assertTrue(s.scrapeAction, "a broken scrape still fails with action scrape");
    }

    @Test
    void relayedPartsMustBeStrictJsonAndUtf8() {
        String head = "{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"offers\":[{\"offer_id\":\"a\",\"offer\":";
        // dsl-json's skip() alone lets these through; relaying them would break the receiver's socket or parser.
        for (String offer : new String[] {"{\"sdp\":\"v\n\"}", "{\"sdp\":12abc}", "{\"sdp\":\"\\q\"}", "{\"n\":01}"}) {
            assertEquals(TrackerError.MALFORMED_JSON, decode(head + offer + "}]}").error, offer);
        }
        byte[] invalidUtf8 = TestJson.utf8(head + "{\"sdp\":\"XY\"}}]}");
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 'X') {
                invalidUtf8[i] = (byte) 0xC3; // a lead byte followed by 'Y', not a continuation byte
            }
        }
        InboundMessage m = decoder.decode(invalidUtf8, invalidUtf8.length);
        assertEquals(TrackerError.MALFORMED_JSON, m.error, "invalid UTF-8 arrives in binary frames unchecked");
        assertTrue(m.hasInfoHash(), "the valid prefix still names the torrent");
    }

    @Test
    void hostileNestingFailsWithoutStackOverflow() {
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"x\":" + "[".repeat(150_000));
        assertEquals(TrackerError.MALFORMED_JSON, m.error);
        assertTrue(m.hasInfoHash());
        InboundMessage objects = decode("{\"action\":\"scrape\",\"x\":" + "{\"a\":".repeat(30_000));
        assertEquals(TrackerError.MALFORMED_JSON, objects.error);
        assertTrue(objects.scrapeAction);
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        // Transports reuse one payload buffer per event loop: bytes past the length are a previous message.
        byte[] buf = TestJson.utf8("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID + "}");
        assertEquals(TrackerError.MALFORMED_JSON, decoder.decode(buf, buf.length - 1).error);
        assertEquals(TrackerError.MALFORMED_JSON, decoder.decode(buf, 30).error);
        assertEquals(TrackerError.MALFORMED_JSON, decoder.decode(buf, 0).error);
        assertNull(decoder.decode(buf, buf.length).error);
    }

    @Test
    void aRepeatedKeyReplacesTheEarlierValue() {
        InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"info_hash\":\"short\",\"peer_id\":"
                + PID + "}");
        assertEquals(TrackerError.BAD_INFO_HASH, m.error, "the last info_hash counts, as with JSON.parse");
        assertFalse(m.hasInfoHash());
        InboundMessage offers = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID
                + ",\"offers\":[{\"offer\":{},\"offer_id\":\"a\"},{\"offer\":{},\"offer_id\":\"b\"}],\"offers\":[{\"offer\":{},\"offer_id\":\"c\"}]}");
        assertNull(offers.error);
        assertEquals(1, offers.announce.offerCount);
        assertEquals("\"c\"", raw(offers, offers.offerIdStart[0], offers.offerIdEnd[0]));
    }

    @Test
    void idBytesAtTheEdgesOfLatin1() {
        // 0x00 and 0x1F need unicode escapes, 0x22 and 0x5C short escapes, 0x7F is raw ASCII, 0x80 and 0xFF two UTF-8 bytes.
        String edges = "\u0000\u001f\"\\\u007f\u0080\u00ff";
        String id = TestJson.id(edges);
        byte[] expected = id.getBytes(StandardCharsets.ISO_8859_1);
        String[] spellings = {
            TestJson.quote(id),
            "\"\\u0000\\u001F\\\"\\\\\u007f\\u0080\\u00FF" + "-".repeat(13) + "\"",
            "\"\\u0000\\u001f\\u0022\\u005c\\u007F\u0080\u00ff\\u002d" + "-".repeat(12) + "\"",
        };
        for (String token : spellings) {
            InboundMessage m = decode("{\"action\":\"announce\",\"info_hash\":" + token + ",\"peer_id\":" + token + "}");
            assertNull(m.error, token);
            assertArrayEquals(expected, m.announce.infoHash, token);
            assertArrayEquals(expected, m.announce.peerId, token);
            assertEquals(token, raw(m, m.infoHashStart, m.infoHashEnd), "the token is kept as sent, for echoing");
        }
        assertEquals(TrackerError.MALFORMED_JSON,
                decode("{\"action\":\"announce\",\"info_hash\":\"\u0001" + "x".repeat(19) + "\",\"peer_id\":" + PID + "}").error,
                "a raw control character is not JSON");
        assertEquals(TrackerError.BAD_INFO_HASH,
                decode("{\"action\":\"announce\",\"info_hash\":\"\u0100" + "x".repeat(19) + "\",\"peer_id\":" + PID + "}").error,
                "U+0100 is one character too high");
    }

    @Test
    void decoderIsReusableAcrossMessages() {
        assertEquals(TrackerError.BAD_EVENT, decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":"
                + PID + ",\"event\":\"nope\",\"offers\":[{\"offer\":{},\"offer_id\":\"a\"}]}").error);
        InboundMessage next = decode("{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID + "}");
        assertNull(next.error);
        assertEquals(0, next.announce.offerCount, "state from the previous message leaked");
        assertEquals(AnnounceEvent.UPDATE, next.announce.event);
    }
}
