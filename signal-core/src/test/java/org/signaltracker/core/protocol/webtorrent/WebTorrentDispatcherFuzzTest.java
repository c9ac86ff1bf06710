package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.json.JsonSyntax;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * Mutated real messages (bytes flipped, cut, inserted, duplicated) from several connections: the dispatcher
 * never throws, and everything it sends to anyone is well-formed UTF-8 and valid JSON with an action. This
 * is what keeps one broken or hostile client from breaking the sockets of the peers it is relayed to.
 */
class WebTorrentDispatcherFuzzTest {

    private static final int MESSAGES = 20_000;

    /** Keeps the raw bytes of everything sent, so invalid UTF-8 is not hidden by a lenient String decode. */
    private static final class CapturingSession implements PeerSession {
        private static long nextId = 1000;
        private final long id = nextId++;
        final List<byte[]> sent = new ArrayList<>();

        @Override
        public long id() {
            return id;
        }

        @Override
        public boolean send(byte[] bytes, int offset, int length) {
            sent.add(Arrays.copyOfRange(bytes, offset, offset + length));
            return true;
        }

        @Override
        public void close(int closeCode, String reason) {
            throw new AssertionError("bad input closed a connection: " + closeCode + " " + reason);
        }

        @Override
        public String remoteAddress() {
            return "fuzz";
        }
    }

    private static final String[] SEEDS = {
        "{\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"left\":100,\"event\":\"started\",\"action\":\"announce\","
                + "\"info_hash\":\"\\u0000hash\u00e9\\\"\\\\------------\",\"peer_id\":\"-WW0208-\u00ff\u0080aaaaaaaaaa\","
                + "\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\na=\u2603\"},\"offer_id\":\"0123456789abcdefghij\"},"
                + "{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\"\\u00ff123456789abcdefghi\"}]}",
        "{\"action\":\"announce\",\"info_hash\":\"\\u0000hash\u00e9\\\"\\\\------------\",\"peer_id\":\"-WW0208-bbbbbbbbbbbb\","
                + "\"to_peer_id\":\"-WW0208-\u00ff\u0080aaaaaaaaaa\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0 \u00fc\"},"
                + "\"offer_id\":\"0123456789abcdefghij\"}",
        "{\"action\":\"scrape\",\"info_hash\":[\"\\u0000hash\u00e9\\\"\\\\------------\",\"01234567890123456789\"]}",
        "{\"action\":\"announce\",\"event\":\"started\",\"left\":0,\"info_hash\":\"\\u0000hash\u00e9\\\"\\\\------------\","
                + "\"peer_id\":\"-WW0208-cccccccccccc\"}",
        "{\"action\":\"announce\",\"event\":\"stopped\",\"left\":null,\"offers\":null,\"numwant\":50,"
                + "\"info_hash\":\"\\u0000hash\u00e9\\\"\\\\------------\",\"peer_id\":\"-WW0208-bbbbbbbbbbbb\"}",
        // The second offer's answer: which of the two offers reaches the answerer is random.
        "{\"action\":\"announce\",\"info_hash\":\"\\u0000hash\u00e9\\\"\\\\------------\",\"peer_id\":\"-WW0208-bbbbbbbbbbbb\","
                + "\"to_peer_id\":\"-WW0208-\u00ff\u0080aaaaaaaaaa\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"},"
                + "\"offer_id\":\"\\u00ff123456789abcdefghi\"}",
        // The answerer joins too: only a member that received the offer may answer it.
        "{\"action\":\"announce\",\"event\":\"started\",\"left\":100,\"info_hash\":\"\\u0000hash\u00e9\\\"\\\\------------\","
                + "\"peer_id\":\"-WW0208-bbbbbbbbbbbb\"}",
    };
    /** Which connection sends each seed: a peer id is bound to the connection that registered it. */
    private static final int[] SENDERS = {0, 1, 3, 2, 1, 1, 1};

    @Test
    void mutatedMessagesNeverBreakTheDispatcherOrItsOutput() {
        ManualClock clock = new ManualClock();
        TrackerMetrics metrics = new TrackerMetrics();
        TrackerConfig config = new TrackerConfig(120, 0, 240, 30, 10, 4, 8);
        TrackerCore core = new TrackerCore(config, new LimitsConfig(64, 1000, 10_000, 1_000_000, 1_000_000, 100),
                clock, metrics);
        WebTorrentDispatcher dispatcher = new WebTorrentDispatcher(core, config, metrics, clock);
        CapturingSession[] sessions = new CapturingSession[4];
        TrackerConnection[] connections = new TrackerConnection[sessions.length];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new CapturingSession();
            connections[i] = core.openConnection(sessions[i]);
        }
        byte[][] seeds = new byte[SEEDS.length][];
        for (int i = 0; i < SEEDS.length; i++) {
            seeds[i] = TestJson.utf8(SEEDS[i]);
        }
        Random random = new Random(20261124L);
        long silent = 0;
        for (int n = 0; n < MESSAGES; n++) {
            int seed = random.nextInt(seeds.length);
            byte[] message = mutate(seeds[seed], random);
            int from = SENDERS[seed];
            // A reused, larger payload buffer with stale bytes after the message, as the transport hands it over.
            byte[] payload = Arrays.copyOf(message, message.length + 16);
            Arrays.fill(payload, message.length, payload.length, (byte) '}');
            assertDoesNotThrow(() -> dispatcher.onMessage(connections[from], payload, 0, message.length),
                    () -> new String(message, StandardCharsets.UTF_8));
            if (sessions[from].sent.isEmpty()) {
                silent++;
            }
            for (CapturingSession session : sessions) {
                for (byte[] out : session.sent) {
                    assertWellFormed(out, message);
                }
                session.sent.clear();
            }
        }
        assertTrue(silent <= metrics.answers.sum(), "only answers go unanswered: " + silent + " silent, "
                + metrics.answers.sum() + " answers");
        // Answers are relayed only when the answerer holds that very offer, which the mutations (peers with
        // mangled ids joining, the answerer leaving) make rare; the refusals exercise the failure path.
        assertTrue(metrics.offersRelayed.sum() > 500 && metrics.answersRelayed.sum() > 10,
                "too few relays: the mutations must leave enough messages valid to exercise the relay path");
        assertTrue(metrics.failures(TrackerError.ANSWER_WITHOUT_OFFER) > 200
                && metrics.failures(TrackerError.ANSWER_FROM_NON_MEMBER) > 200, "too few refused answers");
    }

    private static void assertWellFormed(byte[] out, byte[] cause) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("invalid UTF-8 sent after " + new String(cause, StandardCharsets.UTF_8), e);
        }
        assertEquals(JsonSyntax.VALID, JsonSyntax.firstError(out, out.length), text);
        Map<String, Object> json = TestJson.parse(text);
        Object action = json.get("action");
        assertTrue("announce".equals(action) || "scrape".equals(action), text);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] m = seed.clone();
        int edits = random.nextInt(4); // zero edits keeps some messages valid
        for (int e = 0; e < edits && m.length > 0; e++) {
            int at = random.nextInt(m.length);
            switch (random.nextInt(5)) {
                case 0 -> m[at] = (byte) random.nextInt(256);
                case 1 -> m[at] = (byte) "{}[]\",:\\0u-e".charAt(random.nextInt(12));
                case 2 -> m = Arrays.copyOf(m, at);
                case 3 -> {
                    int len = Math.min(m.length - at, 1 + random.nextInt(8));
                    byte[] shorter = new byte[m.length - len];
                    System.arraycopy(m, 0, shorter, 0, at);
                    System.arraycopy(m, at + len, shorter, at, m.length - at - len);
                    m = shorter;
                }
                default -> {
                    int len = Math.min(m.length - at, 1 + random.nextInt(12));
                    byte[] longer = new byte[m.length + len];
                    System.arraycopy(m, 0, longer, 0, at + len);
                    System.arraycopy(m, at, longer, at + len, m.length - at);
                    m = longer;
                }
            }
        }
        return m;
    }
}
