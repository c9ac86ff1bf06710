package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * Every bad-input path of issue 2 §7 through the dispatcher and the real core: exactly one failure message,
 * with {@code action}, the exact reason, and {@code info_hash} when the request had a valid one; the error
 * is counted, the connection stays open and the swarm is not touched.
 */
class WebTorrentDispatcherBadInputTest {

    private static final String HASH = TestJson.id("bad\u00e9input\u0000\"\\\u00ff");
    private static final String IH = TestJson.quote(HASH);
    private static final String PID = TestJson.quote(TestJson.id("-WW0208-bad"));
    private static final String ANNOUNCE = "{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":" + PID;
    private static final String ANSWER = ANNOUNCE + ",\"to_peer_id\":" + TestJson.quote(TestJson.id("other"));

    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TrackerConfig config = new TrackerConfig(120, 20, 240, 30, 10, 3, 8);
    private final TrackerCore core = new TrackerCore(config, new LimitsConfig(16, 1000, 10_000, 1000, 1000, 100),
            clock, metrics);
    private final WebTorrentDispatcher dispatcher = new WebTorrentDispatcher(core, config, metrics, clock);
    private final RecordingPeerSession session = new RecordingPeerSession();
    private final TrackerConnection connection = core.openConnection(session);

    static Stream<Arguments> badInput() {
        return Stream.of(
                // name, message, expected error, expected action, whether info_hash is echoed
                bad("not JSON", "{action:announce}", TrackerError.MALFORMED_JSON, "announce", false),
                bad("truncated", "{\"action\":\"announce\",\"info_hash\":", TrackerError.MALFORMED_JSON, "announce", false),
                bad("truncated after info_hash", ANNOUNCE + ",\"left\":", TrackerError.MALFORMED_JSON, "announce", true),
                bad("trailing garbage", ANNOUNCE + "} {}", TrackerError.MALFORMED_JSON, "announce", true),
                bad("leading zero", ANNOUNCE + ",\"left\":01}", TrackerError.MALFORMED_JSON, "announce", true),
                bad("raw newline in an SDP", ANNOUNCE + ",\"offers\":[{\"offer\":{\"sdp\":\"a\nb\"},\"offer_id\":\"x\"}]}",
                        TrackerError.MALFORMED_JSON, "announce", true),
                bad("deep nesting", ANNOUNCE + ",\"x\":" + "[".repeat(100_000), TrackerError.MALFORMED_JSON, "announce", true),
                bad("broken scrape", "{\"action\":\"scrape\",\"info_hash\":[" + IH, TrackerError.MALFORMED_JSON, "scrape", false),
                bad("empty message", "", TrackerError.MALFORMED_JSON, "announce", false),
                bad("array", "[" + IH + "]", TrackerError.NOT_AN_OBJECT, "announce", false),
                bad("number", "42", TrackerError.NOT_AN_OBJECT, "announce", false),
                bad("missing action", "{\"info_hash\":" + IH + "}", TrackerError.MISSING_ACTION, "announce", true),
                bad("unknown action", "{\"action\":\"connect\",\"info_hash\":" + IH + "}", TrackerError.UNKNOWN_ACTION,
                        "announce", true),
                bad("action of the wrong type", "{\"action\":[\"announce\"]}", TrackerError.UNKNOWN_ACTION, "announce", false),
                bad("missing info_hash", "{\"action\":\"announce\",\"peer_id\":" + PID + "}", TrackerError.BAD_INFO_HASH,
                        "announce", false),
                bad("info_hash of 19 chars", "{\"action\":\"announce\",\"info_hash\":\"" + "h".repeat(19) + "\",\"peer_id\":"
                        + PID + "}", TrackerError.BAD_INFO_HASH, "announce", false),
                bad("info_hash of 21 chars", "{\"action\":\"announce\",\"info_hash\":\"" + "h".repeat(21) + "\",\"peer_id\":"
                        + PID + "}", TrackerError.BAD_INFO_HASH, "announce", false),
                bad("info_hash above U+00FF", "{\"action\":\"announce\",\"info_hash\":\"\u0100" + "h".repeat(19)
                        + "\",\"peer_id\":" + PID + "}", TrackerError.BAD_INFO_HASH, "announce", false),
                bad("info_hash escaped above U+00FF", "{\"action\":\"announce\",\"info_hash\":\"\\u20ac" + "h".repeat(19)
                        + "\",\"peer_id\":" + PID + "}", TrackerError.BAD_INFO_HASH, "announce", false),
                bad("info_hash as hex", "{\"action\":\"announce\",\"info_hash\":\"" + "ab".repeat(20) + "\",\"peer_id\":"
                        + PID + "}", TrackerError.BAD_INFO_HASH, "announce", false),
                bad("info_hash a number", "{\"action\":\"announce\",\"info_hash\":5,\"peer_id\":" + PID + "}",
                        TrackerError.BAD_INFO_HASH, "announce", false),
                bad("missing peer_id", "{\"action\":\"announce\",\"info_hash\":" + IH + "}", TrackerError.BAD_PEER_ID,
                        "announce", true),
                bad("peer_id of 21 chars", "{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":\""
                        + "p".repeat(21) + "\"}", TrackerError.BAD_PEER_ID, "announce", true),
                bad("peer_id above U+00FF", "{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":\"\u0101"
                        + "p".repeat(19) + "\"}", TrackerError.BAD_PEER_ID, "announce", true),
                bad("peer_id null", "{\"action\":\"announce\",\"info_hash\":" + IH + ",\"peer_id\":null}",
                        TrackerError.BAD_PEER_ID, "announce", true),
                bad("unknown event", ANNOUNCE + ",\"event\":\"restarted\"}", TrackerError.BAD_EVENT, "announce", true),
                bad("event of the wrong type", ANNOUNCE + ",\"event\":{}}", TrackerError.BAD_EVENT, "announce", true),
                bad("left a string", ANNOUNCE + ",\"left\":\"10\"}", TrackerError.BAD_LEFT, "announce", true),
                bad("left negative", ANNOUNCE + ",\"left\":-5}", TrackerError.BAD_LEFT, "announce", true),
                bad("left a fraction", ANNOUNCE + ",\"left\":0.5}", TrackerError.BAD_LEFT, "announce", true),
                bad("numwant a string", ANNOUNCE + ",\"numwant\":\"5\"}", TrackerError.BAD_NUMWANT, "announce", true),
                bad("numwant negative", ANNOUNCE + ",\"numwant\":-1}", TrackerError.BAD_NUMWANT, "announce", true),
                bad("uploaded a string", ANNOUNCE + ",\"uploaded\":\"0\"}", TrackerError.BAD_NUMBER_FIELD, "announce", true),
                bad("downloaded a boolean", ANNOUNCE + ",\"downloaded\":true}", TrackerError.BAD_NUMBER_FIELD, "announce", true),
                bad("offers an object", ANNOUNCE + ",\"offers\":{\"offer\":{},\"offer_id\":\"x\"}}", TrackerError.BAD_OFFERS,
                        "announce", true),
                bad("offers a number", ANNOUNCE + ",\"offers\":5}", TrackerError.BAD_OFFERS, "announce", true),
                bad("answer not an object", ANSWER + ",\"answer\":\"v=0\",\"offer_id\":\"x\"}", TrackerError.BAD_ANSWER,
                        "announce", true),
                bad("answer without to_peer_id", ANNOUNCE + ",\"answer\":{},\"offer_id\":\"x\"}", TrackerError.BAD_TO_PEER_ID,
                        "announce", true),
                bad("answer to a short id", ANNOUNCE + ",\"to_peer_id\":\"abc\",\"answer\":{},\"offer_id\":\"x\"}",
                        TrackerError.BAD_TO_PEER_ID, "announce", true),
                bad("answer without offer_id", ANSWER + ",\"answer\":{}}", TrackerError.BAD_OFFER_ID, "announce", true),
                bad("answer with a 65-char offer_id", ANSWER + ",\"answer\":{},\"offer_id\":\"" + "o".repeat(65) + "\"}",
                        TrackerError.BAD_OFFER_ID, "announce", true),
                bad("answer with offer_id above U+00FF", ANSWER + ",\"answer\":{},\"offer_id\":\"\u0160\"}",
                        TrackerError.BAD_OFFER_ID, "announce", true),
                bad("full scrape", "{\"action\":\"scrape\"}", TrackerError.FULL_SCRAPE_REFUSED, "scrape", false),
                bad("too many scrape hashes", "{\"action\":\"scrape\",\"info_hash\":[" + IH + "," + IH + "," + IH + "," + IH
                        + "]}", TrackerError.TOO_MANY_SCRAPE_HASHES, "scrape", false),
                bad("scrape of a short hash", "{\"action\":\"scrape\",\"info_hash\":\"short\"}",
                        TrackerError.BAD_SCRAPE_INFO_HASH, "scrape", false),
                bad("scrape array with a bad element", "{\"action\":\"scrape\",\"info_hash\":[" + IH + ",{}]}",
                        TrackerError.BAD_SCRAPE_INFO_HASH, "scrape", false));
    }

    private static Arguments bad(String name, String json, TrackerError error, String action, boolean echoesHash) {
        return Arguments.of(name, json, error, action, echoesHash);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void getsOneFailureWithActionReasonAndKnownInfoHash(String name, String json, TrackerError error, String action,
            boolean echoesHash) {
        byte[] bytes = TestJson.utf8(json);
        dispatcher.onMessage(connection, bytes, 0, bytes.length);
        List<String> sent = session.drain();
        assertEquals(1, sent.size(), "one reply, got " + sent);
        Map<String, Object> failure = TestJson.parse(sent.get(0));
        assertEquals(action, failure.get("action"));
        assertEquals(error.reason(), failure.get("failure reason"));
        assertEquals(echoesHash ? HASH : null, failure.get("info_hash"));
        assertEquals(echoesHash ? 3 : 2, failure.size(), "no other keys: " + failure);
        assertEquals(1, metrics.failures(error));
        assertEquals(-1, session.closeCode(), "bad input never closes the socket");
        assertEquals(0, core.peerCount(), "a refused message joins no swarm");
    }

    @Test
    void aBadMessageLeavesTheConnectionUsable() {
        byte[] bad = TestJson.utf8(ANNOUNCE + ",\"event\":\"nope\"}");
        byte[] good = TestJson.utf8(ANNOUNCE + ",\"event\":\"started\",\"left\":0}");
        dispatcher.onMessage(connection, bad, 0, bad.length);
        dispatcher.onMessage(connection, good, 0, good.length);
        List<String> sent = session.drain();
        assertEquals(2, sent.size());
        Map<String, Object> response = TestJson.parse(sent.get(1));
        assertFalse(response.containsKey("failure reason"));
        assertEquals(1L, ((Number) response.get("complete")).longValue());
    }
}
