package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.error.TrackerError;

/** Idle eviction, closing connections, peer-id binding and takeover, answer routing, limits. */
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
    void anotherLiveConnectionCannotAnnounceAsABoundPeerId() {
        TrackerConnection owner = f.connect();
        f.announce(owner, "h", "p", STARTED, 5, 0);
        AnnounceOutcome out = f.announce(f.connect(), "h", "p", STARTED, 0, 0);
        assertEquals(TrackerError.PEER_ID_IN_USE, out.error);
        assertEquals(1, out.incomplete, "the refused announce must not change the swarm");
        assertEquals(0, out.complete);
    }

    @Test
    void newConnectionTakesOverOnceTheOldOneIsClosed() {
        TrackerConnection old = f.connect();
        f.announce(old, "h", "p", STARTED, 5, 0);
        old.markClosed();
        TrackerConnection fresh = f.connect();
        assertNull(f.announce(fresh, "h", "p", UPDATE, 5, 0).error);
        f.core.close(old);
        assertEquals(1, f.core.peerCount(), "closing the old connection must not remove the taken-over peer");
        f.core.close(fresh);
        assertEquals(0, f.core.peerCount());
    }

    @Test
    void newConnectionTakesOverAnIdleBinding() {
        TrackerConnection old = f.connect();
        f.announce(old, "h", "p", STARTED, 5, 0);
        f.clock.advanceSeconds(f.trackerConfig.announceIntervalSeconds() + 1);
        TrackerConnection fresh = f.connect();
        assertNull(f.announce(fresh, "h", "p", UPDATE, 5, 0).error);
        f.core.close(old);
        assertEquals(1, f.core.peerCount());
    }

    @Test
    void answersRouteToTheOwnerOfToPeerId() {
        TrackerConnection offerer = f.connect();
        TrackerConnection answerer = f.connect();
        f.announce(offerer, "h", "offerer", STARTED, 5, 0);
        f.announce(answerer, "h", "answerer", STARTED, 0, 0);
        AnswerRoute route = new AnswerRoute();
        f.core.routeAnswer(answerer, CoreFixture.id("h"), CoreFixture.id("answerer"), CoreFixture.id("offerer"), route);
        assertNull(route.error);
        assertSame(offerer, route.target);

        route.reset();
        f.core.routeAnswer(answerer, CoreFixture.id("h"), CoreFixture.id("answerer"), CoreFixture.id("gone"), route);
        assertNull(route.target, "unknown to_peer_id has no target");

        route.reset();
        f.core.routeAnswer(f.connect(), CoreFixture.id("h"), CoreFixture.id("answerer"), CoreFixture.id("offerer"),
                route);
        assertEquals(TrackerError.PEER_ID_IN_USE, route.error, "answering as someone else's peer id");

        route.reset();
        f.core.routeAnswer(answerer, CoreFixture.id("nope"), CoreFixture.id("answerer"), CoreFixture.id("offerer"),
                route);
        assertNull(route.target);
        assertNull(route.error);
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
    void takingOverAnIdleBindingCountsAgainstTheSwarmsPerConnectionLimit() {
        CoreFixture small = new CoreFixture(CoreFixture.trackerWith(0, 1_000, 10), CoreFixture.limitsWith(1, 100, 100));
        TrackerConnection old = small.connect();
        small.announce(old, "a", "p", STARTED, 5, 0);
        small.clock.advanceSeconds(small.trackerConfig.announceIntervalSeconds() + 1);
        TrackerConnection busy = small.connect();
        small.announce(busy, "b", "q", STARTED, 5, 0);
        AnnounceOutcome takeover = small.announce(busy, "a", "p", UPDATE, 5, 0);
        assertEquals(TrackerError.TOO_MANY_SWARMS_ON_CONNECTION, takeover.error);
        assertEquals(1, takeover.incomplete, "a refused takeover still reports the swarm's counts");
        small.core.close(busy);
        assertEquals(1, small.core.peerCount(), "the refused takeover left the binding with the old connection");
        small.core.close(old);
        assertEquals(0, small.core.peerCount());
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
