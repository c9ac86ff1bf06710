package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.signaltracker.bench.load.LoadStats.Count;

class LoadStatsTest {

    @Test
    void closedLoopLatencyIsCorrectedOnlyOnceTheExpectedIntervalIsKnown() {
        LoadStats stats = new LoadStats();
        stats.recordLatency(1_000);
        assertEquals(1, stats.latencyMicros.getIntervalHistogram().getTotalCount(), "warm-up: plain recording");

        stats.expectInterval(100);
        stats.recordLatency(1_000); // a stall of ten intervals hid nine requests
        Histogram corrected = stats.latencyMicros.getIntervalHistogram();
        assertEquals(10, corrected.getTotalCount());
        assertEquals(1_000, corrected.getMaxValue(), 1);
        assertEquals(100, corrected.getMinValue(), 1);
    }

    @Test
    void valuesBeyondTheRangeAreRecordedAsItsTop() {
        LoadStats stats = new LoadStats();
        stats.recordLatency(LoadStats.MAX_MICROS * 10);
        stats.recordLatency(-5);
        stats.recordSendLag(Long.MAX_VALUE);
        Histogram latency = stats.latencyMicros.getIntervalHistogram();
        assertEquals(2, latency.getTotalCount());
        assertEquals(LoadStats.MAX_MICROS, latency.getMaxValue(), LoadStats.MAX_MICROS / 1000.0);
        assertEquals(0, latency.getMinValue());
        assertEquals(1, stats.sendLagMicros.getIntervalHistogram().getTotalCount());
    }

    @Test
    void announcesCountAsSentMessagesToo() {
        LoadStats stats = new LoadStats();
        stats.announceSent();
        stats.add(Count.SENT); // an answer
        assertEquals(2, stats.sum(Count.SENT));
        assertEquals(1, stats.sum(Count.ANNOUNCES_SENT));
        stats.count(ReceivedMessage.Kind.SCRAPE);
        stats.count(ReceivedMessage.Kind.OFFER);
        assertEquals(2, stats.received());
        long[] snapshot = stats.snapshot();
        assertEquals(1, snapshot[Count.OFFERS.ordinal()]);
        assertEquals(2, snapshot[Count.SENT.ordinal()]);
    }
}
