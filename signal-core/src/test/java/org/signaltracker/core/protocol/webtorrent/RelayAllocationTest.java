package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The relay path allocates nothing per message (issue 3): decode, the core's choice, encode and send reuse
 * their objects. Measured with the JVM's per-thread allocation counter over many steady-state round trips
 * of "announce with offers → relayed offers → answer → relayed answer".
 */
class RelayAllocationTest {

    private static final int ROUND_TRIPS = 2_000;
    private static final String HASH = TestJson.quote(TestJson.id("alloc-hash\u00e9"));

    /** A session that only counts: it must not allocate, or it would hide the dispatcher's allocations. */
    private static final class CountingSession implements PeerSession {
        private static long nextId = 100;
        private final long id = nextId++;
        long messages;
        long bytes;

        @Override
        public long id() {
            return id;
        }

        @Override
        public boolean send(byte[] buf, int offset, int length) {
            messages++;
            bytes += length;
            return true;
        }

        @Override
        public void close(int closeCode, String reason) {
        }

        @Override
        public String remoteAddress() {
            return "counting";
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void steadyStateOfferAndAnswerRelaysAllocateNothing() {
        ManualClock clock = new ManualClock();
        TrackerMetrics metrics = new TrackerMetrics();
        TrackerConfig config = new TrackerConfig(120, 20, 240, 30, 10, 255, 8);
        TrackerCore core = new TrackerCore(config, new LimitsConfig(16, 1000, 10_000, 1_000_000, 1_000_000, 100),
                clock, metrics);
        WebTorrentDispatcher dispatcher = new WebTorrentDispatcher(core, config, metrics, clock);
        CountingSession[] sessions = new CountingSession[6];
        TrackerConnection[] peers = new TrackerConnection[sessions.length];
        byte[][] joins = new byte[sessions.length][];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new CountingSession();
            peers[i] = core.openConnection(sessions[i]);
            joins[i] = TestJson.utf8("{\"action\":\"announce\",\"info_hash\":" + HASH + ",\"peer_id\":"
                    + TestJson.quote(TestJson.id("peer-" + i)) + ",\"event\":\"started\",\"left\":0}");
            dispatcher.onMessage(peers[i], joins[i], 0, joins[i].length);
        }
        StringBuilder offers = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            offers.append(i == 0 ? "" : ",").append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n")
                    .append("a=candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\\r\\n".repeat(5))
                    .append("\"},\"offer_id\":\"").append(TestJson.id("offer-" + i)).append("\"}");
        }
        byte[] announce = TestJson.utf8("{\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"left\":100,"
                + "\"action\":\"announce\",\"info_hash\":" + HASH + ",\"peer_id\":" + TestJson.quote(TestJson.id("peer-0"))
                + ",\"offers\":[" + offers + "]}");
        byte[] answer = TestJson.utf8("{\"action\":\"announce\",\"info_hash\":" + HASH + ",\"peer_id\":"
                + TestJson.quote(TestJson.id("peer-1")) + ",\"to_peer_id\":" + TestJson.quote(TestJson.id("peer-0"))
                + ",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"},\"offer_id\":\"" + TestJson.id("offer-0") + "\"}");

        // Warm up, so lazily created state and the JIT's first compilations are not counted.
        for (int i = 0; i < ROUND_TRIPS; i++) {
            roundTrip(dispatcher, clock, peers, announce, answer);
        }
        long relayedBefore = metrics.offersRelayed.sum();
        long before = allocatedBytes();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            roundTrip(dispatcher, clock, peers, announce, answer);
        }
        long allocated = allocatedBytes() - before;

        assertEquals(5L * ROUND_TRIPS, metrics.offersRelayed.sum() - relayedBefore, "every announce relays 5 offers");
        assertEquals(2L * ROUND_TRIPS, metrics.answersRelayed.sum(), "every answer reached peer-0");
        // A few hundred bytes of slack for the allocation counter's own bookkeeping; one object per message
        // would already be 16 bytes x 12,000 messages.
        assertTrue(allocated < 1024, "the relay path allocated " + allocated + " bytes over " + ROUND_TRIPS
                + " round trips (" + (double) allocated / ROUND_TRIPS + " per round trip)");
    }

    private static void roundTrip(WebTorrentDispatcher dispatcher, ManualClock clock, TrackerConnection[] peers,
            byte[] announce, byte[] answer) {
        clock.advanceSeconds(21); // past the min interval, so every announce relays
        dispatcher.onMessage(peers[0], announce, 0, announce.length);
        dispatcher.onMessage(peers[1], answer, 0, answer.length);
    }
}
