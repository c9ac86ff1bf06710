package org.signaltracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.policy.PolicyMode;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceOutcome;
import org.signaltracker.core.tracker.AnnounceRequest;
import org.signaltracker.core.tracker.ScrapeCounts;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The database adds no allocation per announce: with the policy asked, stored counts read and activity
 * recorded (completions and a new second for every swarm each round), the announcing thread allocates
 * nothing in steady state. Measured with the JVM's per-thread allocation counter, so the database thread's
 * own work (idle here) could not hide in it or be charged to the announces.
 */
class StoredTorrentsAllocationTest {

    private static final int SWARMS = 64;
    private static final int ROUNDS = 2_000;

    private static final PeerSession SILENT = new PeerSession() {
        @Override
        public long id() {
            return 1;
        }

        @Override
        public boolean send(byte[] bytes, int offset, int length) {
            return true;
        }

        @Override
        public void close(int closeCode, String reason) {
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }
    };

    private static byte[] hash(int i) {
        byte[] h = new byte[InfoHash.BYTES];
        h[0] = (byte) i;
        h[19] = (byte) (i * 31 + 7);
        return h;
    }

    @Test
    void announcesUnderAListPolicyWithCountsAndActivityAllocateNothing() throws Exception {
        InMemoryTorrentStore store = new InMemoryTorrentStore();
        for (int i = 0; i < SWARMS; i++) {
            // Every other hash registered: half the announces are refused by the allow-list.
            if (i % 2 == 0) {
                store.put(new TorrentEntry(InfoHash.of(hash(i)), null, null, true), 1_700_000_000L);
            }
        }
        store.applyActivity(java.util.List.of(new TorrentActivity(InfoHash.of(hash(0)), 9, 1_700_000_000L,
                1_700_000_000L)), false);
        ManualClock clock = new ManualClock();
        try (StoredTorrents torrents = StoredTorrents.start(store, PolicyMode.ALLOW_LIST, clock, 3_600_000,
                3_600_000)) {
            TrackerConfig d = TrackerConfig.defaults();
            // No min interval: every round's leecher re-announce is applied, so each completion counts.
            TrackerConfig tracker = new TrackerConfig(d.announceIntervalSeconds(), 0, d.peerTimeoutSeconds(),
                    d.sweepIntervalSeconds(), d.maxOffersPerAnnounce(), d.maxScrapeHashes(), d.lockStripes());
            TrackerCore core = new TrackerCore(tracker, LimitsConfig.defaults(), clock,
                    new TrackerMetrics(), torrents.policy(), torrents);
            TrackerConnection connection = core.openConnection(SILENT);
            AnnounceRequest request = new AnnounceRequest();
            AnnounceOutcome out = new AnnounceOutcome(10);
            ScrapeCounts counts = new ScrapeCounts();
            byte[][] hashes = new byte[SWARMS][];
            for (int i = 0; i < SWARMS; i++) {
                hashes[i] = hash(i);
            }
            rounds(core, connection, request, out, counts, hashes, clock, ROUNDS);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            rounds(core, connection, request, out, counts, hashes, clock, ROUNDS);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1024, allocated + " bytes over " + ROUNDS * SWARMS * 2 + " announces");

            core.scrape(hashes[0], counts);
            assertEquals(9 + 2L * ROUNDS, counts.downloaded, "stored 9, and one completion per round");
            assertTrue(torrents.writer().flush());
            assertEquals(9 + 2L * ROUNDS, store.get(InfoHash.of(hashes[0])).orElseThrow().completed());
        }
    }

    /** Per round and swarm: the peer re-announces as a leecher, then completes; the clock moves a second. */
    private static void rounds(TrackerCore core, TrackerConnection connection, AnnounceRequest request,
            AnnounceOutcome out, ScrapeCounts counts, byte[][] hashes, ManualClock clock, int rounds) {
        for (int r = 0; r < rounds; r++) {
            clock.advanceSeconds(1);
            for (byte[] hash : hashes) {
                announce(core, connection, request, out, hash, AnnounceEvent.UPDATE, 100);
                announce(core, connection, request, out, hash, AnnounceEvent.COMPLETED, 0);
                core.scrape(hash, counts);
            }
        }
    }

    private static void announce(TrackerCore core, TrackerConnection connection, AnnounceRequest request,
            AnnounceOutcome out, byte[] hash, AnnounceEvent event, long left) {
        request.reset();
        System.arraycopy(hash, 0, request.infoHash, 0, 20);
        request.peerId[0] = 'p';
        request.event = event;
        request.left = left;
        out.reset();
        core.announce(connection, request, out);
    }
}
