package org.signaltracker.netty.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import org.junit.jupiter.api.Test;

/** Per-loop buckets, summed across loops into one classic histogram per protocol. */
class MessageTimesTest {

    @Test
    void eachTimeLandsInTheFirstBucketThatHoldsIt() {
        MessageTimes times = new MessageTimes();
        times.record(0);
        times.record(1_000);
        times.record(1_001);
        times.record(Long.MAX_VALUE / 2);
        long[] counts = new long[MessageTimes.UPPER_BOUNDS_NANOS.length + 1];
        long sum = times.addTo(counts);
        assertEquals(2, counts[0], "0 and 1 us are within the 1 us bound");
        assertEquals(1, counts[1]);
        assertEquals(1, counts[counts.length - 1], "beyond the last bound is +Inf");
        assertEquals(2_001 + Long.MAX_VALUE / 2, sum);
    }

    @Test
    void recordingAllocatesNothing() {
        MessageTimes times = new MessageTimes();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) {
            times.record(i * 37L); // warm-up: let the JIT compile record()
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000_000; i++) {
            times.record(i * 37L);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1024, allocated + " bytes for a million records");
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot point(HistogramSnapshot snapshot, String protocol) {
        return snapshot.getDataPoints().stream().filter(p -> protocol.equals(p.getLabels().get("protocol")))
                .findFirst().orElseThrow();
    }

    @Test
    void theHistogramSumsEveryLoopPerProtocol() {
        MessageTimings timings = new MessageTimings("WEBTORRENT", "SIGNALING");
        MessageTimes loop1 = timings.forLoop(0);
        MessageTimes loop2 = timings.forLoop(0);
        timings.forLoop(1).record(3_000_000);
        loop1.record(4_000);
        loop2.record(4_500);
        loop2.record(200_000_000);
        HistogramSnapshot snapshot = timings.collect();
        assertEquals("signaltracker_message_handling_seconds", snapshot.getMetadata().getPrometheusName());
        HistogramSnapshot.HistogramDataPointSnapshot webTorrent = point(snapshot, "webtorrent");
        assertEquals("webtorrent", webTorrent.getLabels().get("protocol"));
        assertEquals(3, webTorrent.getCount());
        assertEquals(0.2000085, webTorrent.getSum(), 1e-12);
        assertEquals(2, webTorrent.getClassicBuckets().getCount(2), "both 4 us and 4.5 us are under 5 us");
        HistogramSnapshot.HistogramDataPointSnapshot signaling = point(snapshot, "signaling");
        assertEquals("signaling", signaling.getLabels().get("protocol"));
        assertEquals(1, signaling.getCount());
    }
}
