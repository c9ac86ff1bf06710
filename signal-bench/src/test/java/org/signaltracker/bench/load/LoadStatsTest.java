package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

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
    void announcesCountAsSentMessagesToo() {
        LoadStats stats = new LoadStats();
        stats.announceSent();
        stats.sent.increment(); // an answer
        assertEquals(2, stats.sent.sum());
        assertEquals(1, stats.announcesSent.sum());
        stats.count(LoadMessages.Kind.SCRAPE);
        stats.count(LoadMessages.Kind.OFFER);
        assertEquals(2, stats.received());
    }
}
