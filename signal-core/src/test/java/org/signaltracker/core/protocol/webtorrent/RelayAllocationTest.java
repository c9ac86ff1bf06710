package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The relay path allocates nothing per message (issue 3), including the offer tracking of issue 7: decode,
 * the core's choice (seeder rule, glare check, recording each offer with its receiver), encode and send
 * reuse their objects, and so do answer validation (consuming the recorded offer) and the refusal of a
 * forged answer. Measured with the JVM's per-thread allocation counter over many steady-state rounds.
 */
class RelayAllocationTest {

    private static final int ROUNDS = 2_000;
    private static final int PEERS = 6;
    private static final String HASH = TestJson.quote(TestJson.id("alloc-hash\u00e9"));
    private static final byte[] OFFER_MARK = ascii("\"offer\":");
    private static final byte[] ANSWER_MARK = ascii("\"answer\":");
    private static final byte[] FAILURE_MARK = ascii("\"failure reason\":");
    private static final byte[] OFFER_ID_MARK = ascii("\"offer_id\":\"");
    private static final byte[] PEER_ID_MARK = ascii("\"peer_id\":\"");
    private static final String TO_PLACEHOLDER = "TTTTTTTTTTTTTTTTTTTT";
    private static final String OFFER_ID_PLACEHOLDER = "OOOOOOOOOOOOOOOOOOOO";

    /**
     * A client that answers every offer it receives, like a browser would, without allocating (or it would
     * hide the dispatcher's allocations): each received offer's ids are copied into a preassembled answer.
     */
    private static final class AnsweringSession implements PeerSession {
        private static long nextId = 100;
        private final long id = nextId++;
        final byte[][] pending = new byte[4][];
        final int toAt;
        final int offerIdAt;
        int pendingCount;
        long offers;
        long answers;
        long failures;

        AnsweringSession(String peerId) {
            String answer = "{\"action\":\"announce\",\"info_hash\":" + HASH + ",\"peer_id\":" + TestJson.quote(peerId)
                    + ",\"to_peer_id\":\"" + TO_PLACEHOLDER + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}"
                    + ",\"offer_id\":\"" + OFFER_ID_PLACEHOLDER + "\"}";
            for (int i = 0; i < pending.length; i++) {
                pending[i] = TestJson.utf8(answer);
            }
            toAt = indexOf(pending[0], 0, pending[0].length, ascii(TO_PLACEHOLDER));
            offerIdAt = indexOf(pending[0], 0, pending[0].length, ascii(OFFER_ID_PLACEHOLDER));
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public boolean send(byte[] buf, int offset, int length) {
            if (indexOf(buf, offset, length, FAILURE_MARK) >= 0) {
                failures++;
            } else if (indexOf(buf, offset, length, ANSWER_MARK) >= 0) {
                answers++;
            } else if (indexOf(buf, offset, length, OFFER_MARK) >= 0) {
                offers++;
                byte[] answer = pending[pendingCount++];
                // Ids in this test are 20 ASCII characters, so they copy byte for byte.
                System.arraycopy(buf, indexOf(buf, offset, length, OFFER_ID_MARK) + OFFER_ID_MARK.length,
                        answer, offerIdAt, 20);
                System.arraycopy(buf, indexOf(buf, offset, length, PEER_ID_MARK) + PEER_ID_MARK.length,
                        answer, toAt, 20);
            }
            return true;
        }

        @Override
        public void close(int closeCode, String reason) {
        }

        @Override
        public String remoteAddress() {
            return "answering";
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void steadyStateOffersAnswersAndRefusalsAllocateNothing() {
        ManualClock clock = new ManualClock();
        TrackerMetrics metrics = new TrackerMetrics();
        TrackerConfig config = new TrackerConfig(120, 20, 240, 30, 10, 255, 8);
        TrackerCore core = new TrackerCore(config, new LimitsConfig(16, 1000, 10_000, 1_000_000, 1_000_000, 100),
                clock, metrics);
        WebTorrentDispatcher dispatcher = new WebTorrentDispatcher(core, config, metrics, clock);
        AnsweringSession[] sessions = new AnsweringSession[PEERS];
        TrackerConnection[] peers = new TrackerConnection[PEERS];
        for (int i = 0; i < PEERS; i++) {
            sessions[i] = new AnsweringSession(TestJson.id("peer-" + i));
            peers[i] = core.openConnection(sessions[i]);
            // peer-0 seeds, the others leech: the seeder rule lets peer-0 offer to all of them.
            byte[] join = TestJson.utf8("{\"action\":\"announce\",\"info_hash\":" + HASH + ",\"peer_id\":"
                    + TestJson.quote(TestJson.id("peer-" + i)) + ",\"event\":\"started\",\"left\":" + (i == 0 ? 0 : 100) + "}");
            dispatcher.onMessage(peers[i], join, 0, join.length);
        }
        byte[] seederOffers = announceWithOffers(0, 5, "seed-offer-");
        byte[] leecherOffer = announceWithOffers(1, 1, "leech-offer-");
        byte[] forged = TestJson.utf8("{\"action\":\"announce\",\"info_hash\":" + HASH + ",\"peer_id\":"
                + TestJson.quote(TestJson.id("peer-5")) + ",\"to_peer_id\":" + TestJson.quote(TestJson.id("peer-2"))
                + ",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"},\"offer_id\":\"" + TestJson.id("never-sent") + "\"}");

        // Warm up, so lazily created state (each receiver's pending offers) and the JIT are not counted.
        for (int i = 0; i < ROUNDS; i++) {
            round(dispatcher, clock, sessions, peers, seederOffers, leecherOffer, forged);
        }
        long offersBefore = metrics.offersRelayed.sum();
        long answersBefore = metrics.answersRelayed.sum();
        long before = allocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            round(dispatcher, clock, sessions, peers, seederOffers, leecherOffer, forged);
        }
        long allocated = allocatedBytes() - before;

        assertEquals(6L * ROUNDS, metrics.offersRelayed.sum() - offersBefore, "every round relays 5 + 1 offers");
        assertEquals(6L * ROUNDS, metrics.answersRelayed.sum() - answersBefore, "every offer's answer was relayed");
        assertEquals(0, sessions[0].offers, "glare: peer-1's offer went to peer-0 while peer-0's offer was unanswered");
        assertEquals(2L * ROUNDS, sessions[5].failures, "the forged answer was refused every round");
        assertEquals(2L * ROUNDS, metrics.failures(TrackerError.ANSWER_WITHOUT_OFFER));
        // A few hundred bytes of slack for the allocation counter's own bookkeeping; one object per message
        // would already be 16 bytes x 26,000 messages.
        assertTrue(allocated < 1024, "the relay path allocated " + allocated + " bytes over " + ROUNDS
                + " rounds (" + (double) allocated / ROUNDS + " per round)");
    }

    /** Offers, a crossing offer the glare rule must steer away, every answer, and one forged answer. */
    private static void round(WebTorrentDispatcher dispatcher, ManualClock clock, AnsweringSession[] sessions,
            TrackerConnection[] peers, byte[] seederOffers, byte[] leecherOffer, byte[] forged) {
        clock.advanceSeconds(21); // past the min interval, so every announce relays
        dispatcher.onMessage(peers[0], seederOffers, 0, seederOffers.length);
        dispatcher.onMessage(peers[1], leecherOffer, 0, leecherOffer.length);
        dispatcher.onMessage(peers[5], forged, 0, forged.length);
        for (int i = 0; i < PEERS; i++) {
            AnsweringSession s = sessions[i];
            for (int k = 0; k < s.pendingCount; k++) {
                dispatcher.onMessage(peers[i], s.pending[k], 0, s.pending[k].length);
            }
            s.pendingCount = 0;
        }
    }

    private static byte[] announceWithOffers(int peer, int count, String offerPrefix) {
        StringBuilder offers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            offers.append(i == 0 ? "" : ",").append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n")
                    .append("a=candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\\r\\n".repeat(5))
                    .append("\"},\"offer_id\":\"").append(TestJson.id(offerPrefix + i)).append("\"}");
        }
        return TestJson.utf8("{\"numwant\":" + count + ",\"uploaded\":0,\"downloaded\":0,\"left\":" + (peer == 0 ? 0 : 100)
                + ",\"action\":\"announce\",\"info_hash\":" + HASH + ",\"peer_id\":"
                + TestJson.quote(TestJson.id("peer-" + peer)) + ",\"offers\":[" + offers + "]}");
    }

    private static int indexOf(byte[] buf, int offset, int length, byte[] mark) {
        outer:
        for (int i = offset; i <= offset + length - mark.length; i++) {
            for (int k = 0; k < mark.length; k++) {
                if (buf[i + k] != mark[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
