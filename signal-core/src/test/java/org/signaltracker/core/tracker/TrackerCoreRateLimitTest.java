package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.COMPLETED;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.STOPPED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;

/** The min-interval rule: early re-announces get counts but relay nothing; stopped and completed pass. */
class TrackerCoreRateLimitTest {

    private final CoreFixture f = new CoreFixture(CoreFixture.trackerWith(30, 240, 10), LimitsConfig.defaults());
    private final TrackerConnection other = f.connect();
    private final TrackerConnection caller = f.connect();

    TrackerCoreRateLimitTest() {
        f.announce(other, "h", "other", STARTED, 0, 0);
    }

    @Test
    void firstAnnounceIsNeverLimited() {
        AnnounceOutcome out = f.announce(caller, "h", "me", STARTED, 5, 5);
        assertFalse(out.rateLimited);
        assertEquals(1, out.targetCount);
    }

    @Test
    void earlyReannounceGetsCountsButRelaysNothing() {
        f.announce(caller, "h", "me", STARTED, 5, 5);
        f.clock.advanceSeconds(29);
        AnnounceOutcome early = f.announce(caller, "h", "me", UPDATE, 5, 5);
        assertTrue(early.rateLimited);
        assertEquals(0, early.targetCount);
        assertEquals(1, early.complete);
        assertEquals(1, early.incomplete);
        assertEquals(1, f.metrics.rateLimitedAnnounces.sum());
    }

    @Test
    void limitedAnnounceDoesNotRestartTheInterval() {
        f.announce(caller, "h", "me", STARTED, 5, 5);
        f.clock.advanceSeconds(20);
        assertTrue(f.announce(caller, "h", "me", UPDATE, 5, 5).rateLimited);
        f.clock.advanceSeconds(10);
        AnnounceOutcome onTime = f.announce(caller, "h", "me", UPDATE, 5, 5);
        assertFalse(onTime.rateLimited);
        assertEquals(1, onTime.targetCount);
    }

    @Test
    void aSeedersStartedRightAfterItsCompletedRelaysItsOffers() {
        // The exact sequence a WebTorrent seeder sends when it starts: completed without offers, then
        // started with its offers 136 ms later. The offers must reach the waiting leecher (and only it: the
        // other peer is a seeder too).
        TrackerConnection leecher = f.connect();
        f.announce(leecher, "h", "leecher", STARTED, 100, 0);
        AnnounceOutcome completed = f.announce(caller, "h", "seeder", COMPLETED, 0, 0);
        assertFalse(completed.rateLimited);
        AnnounceOutcome started = f.announce(caller, "h", "seeder", AnnounceEvent.STARTED, 0, 5);
        assertFalse(started.rateLimited);
        assertEquals(1, started.targetCount);
        assertEquals(leecher, started.targets[0]);
    }

    @Test
    void stoppedAndCompletedAlwaysGoThrough() {
        f.announce(caller, "h", "me", STARTED, 5, 5);
        f.clock.advanceSeconds(1);
        AnnounceOutcome completed = f.announce(caller, "h", "me", COMPLETED, 0, 0);
        assertFalse(completed.rateLimited);
        assertEquals(2, completed.complete);
        f.clock.advanceSeconds(1);
        AnnounceOutcome stopped = f.announce(caller, "h", "me", STOPPED, 0, 0);
        assertFalse(stopped.rateLimited);
        assertEquals(1, stopped.complete);
    }
}
