package org.signaltracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Recording merges per hash, draining empties in place, and recording allocates nothing once grown. */
class PendingActivityTest {

    private static final long T0 = 1_700_000_000L;

    @Test
    void recordsMergePerHashAndDrainingEmptiesIt() {
        PendingActivity pending = new PendingActivity(2);
        byte[] a = ActivityWriterTest.hash(1);
        pending.record(a, 0, T0 + 4);
        pending.record(a, 1, T0 + 1);
        pending.record(a, 2, T0 + 7);
        Map<InfoHash, TorrentActivity> out = new HashMap<>();
        out.put(InfoHash.of(a), new TorrentActivity(InfoHash.of(a), 10, T0 + 3, T0 + 20));
        pending.drainTo(out);
        assertEquals(Map.of(InfoHash.of(a), new TorrentActivity(InfoHash.of(a), 13, T0 + 1, T0 + 20)), out);
        Map<InfoHash, TorrentActivity> again = new HashMap<>();
        pending.drainTo(again);
        assertTrue(again.isEmpty());
    }

    @Test
    void thousandsOfHashesSurviveGrowthWithTheirOwnCounts() {
        PendingActivity pending = new PendingActivity(4);
        Random random = new Random(3);
        Map<InfoHash, Long> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] h = new byte[InfoHash.BYTES];
            random.nextBytes(h);
            int completed = i % 3;
            pending.record(h, completed, T0 + i);
            expected.merge(InfoHash.of(h), (long) completed, Long::sum);
        }
        Map<InfoHash, TorrentActivity> out = new HashMap<>();
        pending.drainTo(out);
        assertEquals(expected.size(), out.size());
        expected.forEach((h, c) -> assertEquals(c, out.get(h).completedIncrement()));
    }

    @Test
    void recordingIntoAGrownTableAllocatesNothing() {
        PendingActivity pending = new PendingActivity(8);
        byte[][] hashes = new byte[500][];
        Random random = new Random(5);
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = new byte[InfoHash.BYTES];
            random.nextBytes(hashes[i]);
        }
        for (int round = 0; round < 3; round++) {
            recordAll(pending, hashes, round);
            pending.drainTo(new HashMap<>());
        }
        long before = allocatedBytes();
        for (int round = 0; round < 20; round++) {
            recordAll(pending, hashes, round);
        }
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 1024, "recording allocated " + allocated + " bytes for 10,000 records");
    }

    private static void recordAll(PendingActivity pending, byte[][] hashes, int round) {
        for (byte[] h : hashes) {
            pending.record(h, round & 1, T0 + round);
        }
    }

    @Test
    void theStripeCountMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new PendingActivity(3));
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
