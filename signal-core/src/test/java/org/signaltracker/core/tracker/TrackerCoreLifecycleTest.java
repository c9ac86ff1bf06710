package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.error.TrackerError;

/** Idle eviction, closing connections, limits. Peer-id binding: {@link TrackerCorePeerIdTest}; answers: {@link TrackerCorePairingTest}. */
class TrackerCoreLifecycleTest {

    private final CoreFixture f = new CoreFixture(CoreFixture.trackerWith(0, 240, 10), LimitsConfig.defaults());

    private int sweepAll() {
        int evicted = 0;
        for (int i = 0; i < f.core.stripeCount(); i++) {
            evicted += f.core.sweepNextStripe();
        }
        return evicted;
    }

    @Test
    void sweepEvictsOnlyPeersSilentLongerThanTheTimeoutAndFreesEmptySwarms() {
        TrackerConnection quiet = f.connect();
        TrackerConnection active = f.connect();
        f.announce(quiet, "a", "quiet", STARTED, 5, 0);
        f.announce(quiet, "b", "quiet", STARTED, 5, 0);
        f.announce(active, "a", "active", STARTED, 5, 0);
        f.clock.advanceSeconds(200);
        f.announce(active, "a", "active", UPDATE, 5, 0);
        assertEquals(0, sweepAll(), "nobody is past the timeout yet");
        f.clock.advanceSeconds(41);
        assertEquals(2, sweepAll());
        assertEquals(1, f.core.peerCount());
        assertEquals(1, f.core.swarmCount(), "swarm b must be freed");
        assertEquals(1, f.scrape("a").incomplete);
        assertEquals(2, f.metrics.peersEvicted.sum());
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void evictedPeerMayRejoinAndCloseStillCleansUp() {
        TrackerConnection c = f.connect();
        f.announce(c, "a", "p", STARTED, 5, 0);
        f.clock.advanceSeconds(300);
        sweepAll();
        f.announce(c, "a", "p", UPDATE, 5, 0);
        assertEquals(1, f.core.peerCount());
        f.core.close(c);
        assertEquals(0, f.core.peerCount());
        assertEquals(0, f.core.swarmCount());
    }

    @Test
    void closeRemovesEveryMembershipOfTheConnectionIncludingSeveralPeerIds() {
        TrackerConnection c = f.connect();
        TrackerConnection stays = f.connect();
        for (int i = 0; i < 50; i++) {
            f.announce(c, "h" + i, "first", STARTED, 5, 0);
            f.announce(c, "h" + i, "second", STARTED, 0, 0);
        }
        f.announce(stays, "h0", "stays", STARTED, 5, 0);
        assertEquals(101, f.core.peerCount());
        f.core.close(c);
        f.core.close(c);
        assertTrue(c.isClosed());
        assertEquals(1, f.core.peerCount());
        assertEquals(1, f.core.swarmCount());
        assertEquals(1, f.metrics.connectionsClosed.sum());
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void swarmsPerConnectionLimit() {
        CoreFixture small = new CoreFixture(CoreFixture.trackerWith(0, 240, 10), CoreFixture.limitsWith(2, 100, 100));
        TrackerConnection c = small.connect();
        small.announce(c, "a", "p", STARTED, 5, 0);
        small.announce(c, "b", "p", STARTED, 5, 0);
        AnnounceOutcome third = small.announce(c, "c", "p", STARTED, 5, 0);
        assertEquals(TrackerError.TOO_MANY_SWARMS_ON_CONNECTION, third.error);
        assertEquals(0, small.core.swarmCount() - 2, "a refused join must not leave an empty swarm");
        small.announce(c, "a", "p", AnnounceEvent.STOPPED, 5, 0);
        assertNull(small.announce(c, "c", "p", STARTED, 5, 0).error, "a stopped membership frees its place");
    }

    @Test
    void peersPerSwarmAndTotalPeerLimits() {
        CoreFixture small = new CoreFixture(CoreFixture.trackerWith(0, 240, 10), CoreFixture.limitsWith(10, 2, 3));
        small.announce(small.connect(), "a", "p1", STARTED, 5, 0);
        small.announce(small.connect(), "a", "p2", STARTED, 5, 0);
        AnnounceOutcome full = small.announce(small.connect(), "a", "p3", STARTED, 5, 0);
        assertEquals(TrackerError.SWARM_FULL, full.error);
        assertEquals(2, full.incomplete);
        small.announce(small.connect(), "b", "p1", STARTED, 5, 0);
        AnnounceOutcome trackerFull = small.announce(small.connect(), "c", "p1", STARTED, 5, 0);
        assertEquals(TrackerError.TRACKER_FULL, trackerFull.error);
        assertEquals(3, small.core.peerCount());
        assertEquals(2, small.core.swarmCount());
    }
}
