package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/** The whole message path over the real core: replies, relays, failures and the message budget. */
class WebTorrentDispatcherTest {

    private static final String HASH = TestJson.id("info\u00e9hash\u0001");
    private static final String ALICE = TestJson.id("-WW0208-alice\u00ff");
    private static final String BOB = TestJson.id("-WW0208-bob");

    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TrackerConfig config = new TrackerConfig(120, 20, 240, 30, 10, 4, 8);
    private final TrackerCore core = new TrackerCore(config,
            new LimitsConfig(16, 1000, 10_000, 10, 5, 100), clock, metrics);
    private final WebTorrentDispatcher dispatcher = new WebTorrentDispatcher(core, config, metrics, clock);

    private final RecordingPeerSession aliceSession = new RecordingPeerSession();
    private final RecordingPeerSession bobSession = new RecordingPeerSession();
    private final TrackerConnection alice = core.openConnection(aliceSession);
    private final TrackerConnection bob = core.openConnection(bobSession);

    private void send(TrackerConnection from, String json) {
        byte[] bytes = TestJson.utf8(json);
        dispatcher.onMessage(from, bytes, 0, bytes.length);
    }

    private static String announce(String peer, String event, long left, String offers) {
        return "{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":" + TestJson.quote(peer)
                + (event == null ? "" : ",\"event\":\"" + event + "\"") + ",\"left\":" + left
                + (offers == null ? "" : ",\"offers\":" + offers) + ",\"numwant\":5}";
    }

    private static Map<String, Object> only(RecordingPeerSession session) {
        List<String> sent = session.drain();
        assertEquals(1, sent.size(), "expected exactly one message, got " + sent);
        return TestJson.parse(sent.get(0));
    }

    @Test
    void twoPeersFindEachOtherAndExchangeOfferAndAnswer() {
        send(alice, announce(ALICE, "started", 0, null));
        Map<String, Object> first = only(aliceSession);
        assertEquals("announce", first.get("action"));
        assertEquals(HASH, first.get("info_hash"));
        assertEquals(120L, ((Number) first.get("interval")).longValue());
        assertEquals(20L, ((Number) first.get("min interval")).longValue());
        assertEquals(1L, ((Number) first.get("complete")).longValue());
        assertEquals(0L, ((Number) first.get("incomplete")).longValue());

        String sdp = "v=0\\r\\na=ice-ufrag:\u00e9\u2603\\r\\n";
        String offer = "{ \"type\":\"offer\", \"sdp\":\"" + sdp + "\" }";
        send(bob, announce(BOB, "started", 100, "[{\"offer\":" + offer + ",\"offer_id\":\"\\u00ffoffer-id-0000000000\"}]"));
        Map<String, Object> bobResponse = only(bobSession);
        assertEquals(1L, ((Number) bobResponse.get("complete")).longValue());
        assertEquals(1L, ((Number) bobResponse.get("incomplete")).longValue());

        String relayed = aliceSession.drain().get(0);
        assertTrue(relayed.contains("\"offer\":" + offer), "the offer object must be relayed verbatim: " + relayed);
        Map<String, Object> relay = TestJson.parse(relayed);
        assertEquals("announce", relay.get("action"));
        assertEquals(BOB, relay.get("peer_id"));
        assertEquals(HASH, relay.get("info_hash"));
        assertEquals("\u00ffoffer-id-0000000000", relay.get("offer_id"));
        assertEquals(1, metrics.offersRelayed.sum());

        String answer = "{\"type\":\"answer\",\"sdp\":\"v=0 answer\"}";
        send(alice, "{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":"
                + TestJson.quote(ALICE) + ",\"to_peer_id\":" + TestJson.quote(BOB) + ",\"answer\":" + answer
                + ",\"offer_id\":\"\\u00ffoffer-id-0000000000\"}");
        assertTrue(aliceSession.drain().isEmpty(), "an answer gets no response");
        String answered = bobSession.drain().get(0);
        assertTrue(answered.contains("\"answer\":" + answer));
        Map<String, Object> relayedAnswer = TestJson.parse(answered);
        assertEquals(ALICE, relayedAnswer.get("peer_id"));
        assertEquals("\u00ffoffer-id-0000000000", relayedAnswer.get("offer_id"));
        assertEquals(HASH, relayedAnswer.get("info_hash"));
        assertEquals(1, metrics.answersRelayed.sum());
    }

    @Test
    void edgeByteIdsRoundTripThroughOfferAndAnswerWhateverTheirSpelling() {
        // Ids whose bytes need every kind of JSON care: unicode escapes, short escapes, raw ASCII, two UTF-8 bytes.
        String carol = TestJson.id("\u0000\u001f\"\\\u007f\u0080\u00ff-carol");
        String dave = TestJson.id("\u00ff\u00fe\u0080\"\\-dave");
        send(alice, announce(dave, "started", 0, null));
        aliceSession.drain();
        send(bob, announce(carol, "started", 10, "[{\"offer\":{\"sdp\":\"x\"},\"offer_id\":\"\\u0000\u00ff\"}]"));
        bobSession.drain();
        Map<String, Object> offer = only(aliceSession);
        assertEquals(carol, offer.get("peer_id"), "the offerer's id must read back as the same 20 characters");
        assertEquals("\u0000\u00ff", offer.get("offer_id"));

        // The answerer echoes to_peer_id after its own JSON round trip; here every character is a unicode escape.
        StringBuilder escaped = new StringBuilder("\"");
        for (char c : ((String) offer.get("peer_id")).toCharArray()) {
            escaped.append(String.format("\\u%04X", (int) c));
        }
        escaped.append('"');
        send(alice, "{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":"
                + TestJson.quote(dave) + ",\"to_peer_id\":" + escaped + ",\"answer\":{\"sdp\":\"y\"},\"offer_id\":\"\\u0000\u00ff\"}");
        Map<String, Object> answer = only(bobSession);
        assertEquals(dave, answer.get("peer_id"));
        assertEquals(HASH, answer.get("info_hash"));
        assertEquals("\u0000\u00ff", answer.get("offer_id"));
    }

    private static String answer(String from, String to, String offerId) {
        return "{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":" + TestJson.quote(from)
                + ",\"to_peer_id\":" + TestJson.quote(to) + ",\"answer\":{\"type\":\"answer\"},\"offer_id\":\"" + offerId + "\"}";
    }

    @Test
    void answerWhoseOffererLeftIsDroppedQuietly() {
        send(alice, announce(ALICE, "started", 0, null));
        send(bob, announce(BOB, "started", 10, "[{\"offer\":{},\"offer_id\":\"x\"}]"));
        send(bob, announce(BOB, "stopped", 10, null));
        aliceSession.drain();
        send(alice, answer(ALICE, BOB, "x"));
        assertTrue(aliceSession.drain().isEmpty(), "a real answer to a peer that left is not the answerer's fault");
        assertEquals(1, metrics.answersUnroutable.sum());
    }

    @Test
    void forgedAnswersGetAFailureWithActionAndInfoHashAndReachNobody() {
        send(alice, announce(ALICE, "started", 0, null));
        send(bob, announce(BOB, "started", 10, null));
        aliceSession.drain();
        bobSession.drain();

        // Finding 8: an answer from a made-up peer_id to a peer that sent it no offer used to be relayed.
        send(alice, answer(TestJson.id("made-up"), BOB, "x"));
        Map<String, Object> notMember = only(aliceSession);
        assertEquals("announce", notMember.get("action"));
        assertEquals(HASH, notMember.get("info_hash"));
        assertEquals(TrackerError.ANSWER_FROM_NON_MEMBER.reason(), notMember.get("failure reason"));

        send(alice, answer(ALICE, BOB, "x"));
        Map<String, Object> noOffer = only(aliceSession);
        assertEquals("announce", noOffer.get("action"));
        assertEquals(HASH, noOffer.get("info_hash"));
        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER.reason(), noOffer.get("failure reason"));
        assertTrue(bobSession.drain().isEmpty(), "a forged answer reached its target");
        assertEquals(1, metrics.failures(TrackerError.ANSWER_WITHOUT_OFFER));
        assertEquals(0, metrics.answersRelayed.sum());
        assertEquals(-1, aliceSession.closeCode(), "a refused answer must not close the socket");
    }

    @Test
    void anOfferIsAnsweredOnceOnly() {
        send(alice, announce(ALICE, "started", 0, null));
        send(bob, announce(BOB, "started", 10, "[{\"offer\":{},\"offer_id\":\"once\"}]"));
        aliceSession.drain();
        bobSession.drain();
        send(alice, answer(ALICE, BOB, "once"));
        assertEquals(1, bobSession.drain().size());
        send(alice, answer(ALICE, BOB, "once"));
        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER.reason(), only(aliceSession).get("failure reason"));
        assertTrue(bobSession.drain().isEmpty(), "the second answer was relayed");
    }

    @Test
    void stoppedGetsAResponseWithTheCountsAfterLeaving() {
        send(alice, announce(ALICE, "started", 0, null));
        send(bob, announce(BOB, "started", 10, null));
        aliceSession.drain();
        send(alice, announce(ALICE, "stopped", 0, null));
        Map<String, Object> response = only(aliceSession);
        assertEquals(0L, ((Number) response.get("complete")).longValue());
        assertEquals(1L, ((Number) response.get("incomplete")).longValue());
    }

    @Test
    void earlyReannounceGetsAWarningAndRelaysNothing() {
        send(alice, announce(ALICE, "started", 0, null));
        send(bob, announce(BOB, "started", 10, "[{\"offer\":{},\"offer_id\":\"a\"}]"));
        aliceSession.drain();
        bobSession.drain();
        clock.advanceSeconds(5);
        send(bob, announce(BOB, null, 10, "[{\"offer\":{},\"offer_id\":\"b\"}]"));
        Map<String, Object> response = only(bobSession);
        assertEquals(WebTorrentDispatcher.RATE_LIMITED_WARNING, response.get("warning message"));
        assertEquals(1L, ((Number) response.get("complete")).longValue());
        assertTrue(aliceSession.drain().isEmpty(), "a rate-limited announce relayed an offer");
    }

    @Test
    void junkOffersStillAnnounceWithAWarning() {
        send(bob, announce(BOB, "started", 10, "[{\"fake_offer\":\"fake_offer_0\"}]"));
        Map<String, Object> response = only(bobSession);
        assertEquals(WebTorrentDispatcher.JUNK_OFFERS_WARNING, response.get("warning message"));
        assertEquals(1L, ((Number) response.get("incomplete")).longValue());
    }

    @Test
    void failuresCarryActionReasonAndInfoHash() {
        send(alice, "{\"action\":\"announce\",\"info_hash\":" + TestJson.quote(HASH) + ",\"peer_id\":\"short\"}");
        Map<String, Object> failure = only(aliceSession);
        assertEquals("announce", failure.get("action"));
        assertEquals(TrackerError.BAD_PEER_ID.reason(), failure.get("failure reason"));
        assertEquals(HASH, failure.get("info_hash"));

        send(alice, "{not json");
        Map<String, Object> parse = only(aliceSession);
        assertEquals("announce", parse.get("action"), "never a message without action");
        assertEquals(TrackerError.MALFORMED_JSON.reason(), parse.get("failure reason"));
        assertFalse(parse.containsKey("info_hash"));

        send(alice, "{\"action\":\"scrape\"}");
        Map<String, Object> scrape = only(aliceSession);
        assertEquals("scrape", scrape.get("action"));
        assertEquals(TrackerError.FULL_SCRAPE_REFUSED.reason(), scrape.get("failure reason"));
        assertEquals(1, metrics.failures(TrackerError.FULL_SCRAPE_REFUSED));
        assertEquals(-1, aliceSession.closeCode(), "bad input must not close the socket");
    }

    @Test
    void anotherConnectionCannotAnnounceAsABoundPeerId() {
        send(alice, announce(ALICE, "started", 0, null));
        aliceSession.drain();
        send(bob, announce(ALICE, "started", 0, null));
        Map<String, Object> failure = only(bobSession);
        assertEquals(TrackerError.PEER_ID_IN_USE.reason(), failure.get("failure reason"));
        assertEquals(HASH, failure.get("info_hash"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void scrapeOfOneManyAndNone() {
        send(alice, announce(ALICE, "started", 0, null));
        send(bob, announce(BOB, "completed", 0, null));
        aliceSession.drain();
        String unknown = TestJson.id("unknown\"hash");
        send(alice, "{\"action\":\"scrape\",\"info_hash\":[" + TestJson.quote(HASH) + "," + TestJson.quote(unknown) + "]}");
        Map<String, Object> response = only(aliceSession);
        assertEquals("scrape", response.get("action"));
        Map<String, Object> files = (Map<String, Object>) response.get("files");
        Map<String, Object> known = (Map<String, Object>) files.get(HASH);
        assertEquals(2L, ((Number) known.get("complete")).longValue());
        assertEquals(0L, ((Number) known.get("incomplete")).longValue());
        assertEquals(1L, ((Number) known.get("downloaded")).longValue());
        Map<String, Object> zero = (Map<String, Object>) files.get(unknown);
        assertEquals(0L, ((Number) zero.get("complete")).longValue());
        assertEquals(0L, ((Number) zero.get("downloaded")).longValue());

        send(alice, "{\"action\":\"scrape\",\"info_hash\":" + TestJson.quote(HASH) + "}");
        assertEquals(1, ((Map<String, Object>) only(aliceSession).get("files")).size());
        send(alice, "{\"action\":\"scrape\",\"info_hash\":[]}");
        assertTrue(((Map<String, Object>) only(aliceSession).get("files")).isEmpty());
    }

    @Test
    void floodingGetsFailuresThenAPolicyClose() {
        String ping = "{\"action\":\"scrape\",\"info_hash\":[]}";
        for (int i = 0; i < 5; i++) {
            send(alice, ping);
        }
        assertEquals(5, aliceSession.drain().size());
        for (int i = 0; i < 5; i++) {
            send(alice, ping);
        }
        List<String> refused = aliceSession.drain();
        assertEquals(5, refused.size());
        assertEquals(TrackerError.MESSAGE_RATE_EXCEEDED.reason(), TestJson.parse(refused.get(0)).get("failure reason"));
        assertEquals(-1, aliceSession.closeCode());
        send(alice, ping);
        assertEquals(1008, aliceSession.closeCode());
        assertNull(bobSession.closeReason(), "other peers are unaffected");
    }

    @Test
    void relaysToAPeerOverItsHighWaterMarkAreDroppedAndCounted() {
        send(alice, announce(ALICE, "started", 0, null));
        aliceSession.refuseSends(true);
        send(bob, announce(BOB, "started", 10, "[{\"offer\":{},\"offer_id\":\"a\"}]"));
        assertEquals(1, metrics.relaysDropped.sum());
        assertEquals(0, metrics.offersRelayed.sum());
        assertEquals(1, bobSession.drain().size(), "the announcer still gets its response");
    }

    @Test
    void offsetBuffersAreHandled() {
        byte[] json = TestJson.utf8(announce(ALICE, "started", 0, null));
        byte[] padded = new byte[json.length + 7];
        System.arraycopy(json, 0, padded, 7, json.length);
        dispatcher.onMessage(alice, padded, 7, json.length);
        assertEquals(1L, ((Number) only(aliceSession).get("complete")).longValue());
    }
}
