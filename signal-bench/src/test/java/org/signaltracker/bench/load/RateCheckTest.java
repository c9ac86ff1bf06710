package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateCheckTest {

    @Test
    void aRunThatSentAndGotRepliesAtTheRateKeptIt() {
        RateCheck check = RateCheck.of(3700, 20, 74_000, 73_990, 10, 20);
        assertTrue(check.kept());
        assertFalse(check.startedWithBacklog());
    }

    @Test
    void aGeneratorThatSentTooFewDidNotKeepIt() {
        RateCheck check = RateCheck.of(3700, 20, 70_000, 70_000, 10, 10);
        assertFalse(check.generatorKept());
        assertTrue(check.trackerKept());
        assertFalse(check.kept());
    }

    @Test
    void aTrackerWhoseBacklogGrewDidNotKeepIt() {
        RateCheck check = RateCheck.of(3700, 20, 74_000, 72_000, 10, 2_010);
        assertTrue(check.generatorKept());
        assertFalse(check.trackerKept());
        assertFalse(check.kept());
    }

    @Test
    void drainingAWarmUpBacklogKeepsTheRateButIsFlagged() {
        RateCheck check = RateCheck.of(3700, 20, 74_000, 76_000, 2_500, 500);
        assertTrue(check.kept());
        assertTrue(check.startedWithBacklog());
    }

    @Test
    void closedLoopAlwaysKeepsIt() {
        assertTrue(RateCheck.of(0, 20, 1, 0, 0, 1).kept());
    }
}
