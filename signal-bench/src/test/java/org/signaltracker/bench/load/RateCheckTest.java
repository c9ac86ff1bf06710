package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateCheckTest {

    @Test
    void aRunThatSentAndGotRepliesAtTheRateKeptIt() {
        RateCheck check = RateCheck.of(3700, 20, 74_000, 73_990, 10, 20);
        assertTrue(check.kept());
        assertFalse(check.drained());
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
    void drainingAWarmUpBacklogIsNotKeepingTheRate() {
        // The measured 8,000/s run: everything sent was settled, and far more, yet latency was seconds.
        RateCheck check = RateCheck.of(8000, 20, 159_408, 190_398, 33_865, 2_837);
        assertTrue(check.generatorKept());
        assertTrue(check.trackerKept());
        assertTrue(check.drained());
        assertFalse(check.kept());
    }

    @Test
    void aBacklogMovingWithinATenthOfASecondOfSendsIsSteady() {
        assertTrue(RateCheck.of(3700, 20, 74_000, 74_300, 300, 0).kept());
        assertFalse(RateCheck.of(3700, 20, 74_000, 74_800, 800, 0).kept());
    }

    @Test
    void closedLoopAlwaysKeepsIt() {
        assertTrue(RateCheck.of(0, 20, 1, 0, 0, 1).kept());
    }
}
