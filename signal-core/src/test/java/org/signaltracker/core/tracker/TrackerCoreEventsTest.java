package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.COMPLETED;
import static org.signaltracker.core.tracker.AnnounceEvent.PAUSED;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.STOPPED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;
import static org.signaltracker.core.tracker.AnnounceRequest.LEFT_UNKNOWN;

import org.junit.jupiter.api.Test;

/** Announce events, seeder status from {@code left}, and download counting. */
class TrackerCoreEventsTest {

    private final CoreFixture f = new CoreFixture();

    @Test
    void startedJoinsAsLeecherOrSeederByLeft() {
        AnnounceOutcome a = f.announce(f.connect(), "h", "leecher", STARTED, 100, 0);
        assertNull(a.error);
        assertEquals(0, a.complete);
        assertEquals(1, a.incomplete);
        AnnounceOutcome b = f.announce(f.connect(), "h", "seeder", STARTED, 0, 0);
        assertEquals(1, b.complete);
        assertEquals(1, b.incomplete);
    }

    @Test
    void unknownLeftMakesANewPeerALeecherAndNeverChangesAnExistingOne() {
        TrackerConnection c = f.connect();
        assertEquals(1, f.announce(c, "h", "p", STARTED, LEFT_UNKNOWN, 0).incomplete);
        TrackerConnection s = f.connect();
        f.announce(s, "h", "s", STARTED, 0, 0);
        f.clock.advanceSeconds(60);
        AnnounceOutcome again = f.announce(s, "h", "s", UPDATE, LEFT_UNKNOWN, 0);
        assertEquals(1, again.complete, "a missing left must not demote a seeder");
        assertEquals(1, again.incomplete);
    }

    @Test
    void positiveLeftDemotesAndZeroLeftPromotesWithoutCountingADownload() {
        TrackerConnection c = f.connect();
        f.announce(c, "h", "p", STARTED, 0, 0);
        f.clock.advanceSeconds(60);
        AnnounceOutcome demoted = f.announce(c, "h", "p", UPDATE, 10, 0);
        assertEquals(0, demoted.complete);
        assertEquals(1, demoted.incomplete);
        f.clock.advanceSeconds(60);
        AnnounceOutcome promoted = f.announce(c, "h", "p", UPDATE, 0, 0);
        assertEquals(1, promoted.complete);
        assertEquals(0, f.scrape("h").downloaded);
    }

    @Test
    void completedMovesALeecherToSeedersAndCountsOneDownload() {
        TrackerConnection c = f.connect();
        f.announce(c, "h", "p", STARTED, 100, 0);
        AnnounceOutcome done = f.announce(c, "h", "p", COMPLETED, 0, 0);
        assertEquals(1, done.complete);
        assertEquals(0, done.incomplete);
        f.clock.advanceSeconds(60);
        f.announce(c, "h", "p", COMPLETED, 0, 0);
        ScrapeCounts counts = f.scrape("h");
        assertEquals(1, counts.downloaded, "a seeder re-sending completed is not a second download");
        assertEquals(1, counts.complete);
    }

    @Test
    void unknownPeerSendingCompletedJoinsAsSeederAndCountsADownload() {
        AnnounceOutcome out = f.announce(f.connect(), "h", "p", COMPLETED, 0, 0);
        assertEquals(1, out.complete);
        assertEquals(1, f.scrape("h").downloaded);
    }

    @Test
    void unknownPeerSendingUpdateOrPausedJoins() {
        assertEquals(1, f.announce(f.connect(), "h", "a", UPDATE, 5, 0).incomplete);
        assertEquals(2, f.announce(f.connect(), "h", "b", PAUSED, 5, 0).incomplete);
    }

    @Test
    void stoppedLeavesAndStillReportsCounts() {
        TrackerConnection a = f.connect();
        f.announce(a, "h", "a", STARTED, 0, 0);
        f.announce(f.connect(), "h", "b", STARTED, 5, 0);
        AnnounceOutcome out = f.announce(a, "h", "a", STOPPED, 0, 0);
        assertNull(out.error);
        assertEquals(0, out.complete);
        assertEquals(1, out.incomplete);
        assertEquals(1, f.core.peerCount());
    }

    @Test
    void stoppedFromAnUnknownPeerIsANoOpWithCounts() {
        f.announce(f.connect(), "h", "a", STARTED, 5, 0);
        AnnounceOutcome out = f.announce(f.connect(), "h", "stranger", STOPPED, 0, 0);
        assertNull(out.error);
        assertEquals(1, out.incomplete);
        assertEquals(1, f.core.peerCount());
    }

    @Test
    void lastPeerLeavingFreesTheSwarm() {
        TrackerConnection a = f.connect();
        f.announce(a, "h", "a", STARTED, 5, 0);
        assertEquals(1, f.core.swarmCount());
        f.announce(a, "h", "a", STOPPED, 5, 0);
        assertEquals(0, f.core.swarmCount());
        ScrapeCounts gone = f.scrape("h");
        assertEquals(0, gone.complete + gone.incomplete);
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void scrapeOfAnUnknownHashIsAllZeros() {
        ScrapeCounts counts = f.scrape("never-seen");
        assertEquals(0, counts.complete);
        assertEquals(0, counts.incomplete);
        assertEquals(0, counts.downloaded);
    }
}
