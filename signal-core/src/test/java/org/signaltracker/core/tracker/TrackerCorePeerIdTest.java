package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.STOPPED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.error.TrackerError;

/**
 * The peer-id rule: an id belongs to the connection that registered it in a swarm until that connection
 * closes or the peer is evicted for silence (peer timeout); a connected owner is never locked out.
 */
class TrackerCorePeerIdTest {

    private static final int TIMEOUT = 240;

    private final CoreFixture f = new CoreFixture(CoreFixture.trackerWith(0, TIMEOUT, 10), LimitsConfig.defaults());

    private int sweepAll() {
        int evicted = 0;
        for (int i = 0; i < f.core.stripeCount(); i++) {
            evicted += f.core.sweepNextStripe();
        }
        return evicted;
    }

    @Test
    void anotherLiveConnectionCannotAnnounceAsABoundPeerId() {
        TrackerConnection owner = f.connect();
        f.announce(owner, "h", "p", STARTED, 5, 0);
        AnnounceOutcome out = f.announce(f.connect(), "h", "p", STARTED, 0, 0);
        assertEquals(TrackerError.PEER_ID_IN_USE, out.error);
        assertEquals(1, out.incomplete, "the refused announce must not change the swarm");
        assertEquals(0, out.complete);
        assertEquals(TrackerError.PEER_ID_IN_USE, f.announce(f.connect(), "h", "p", STOPPED, 0, 0).error,
                "nor may it stop someone else's membership");
        assertEquals(1, f.core.peerCount());
    }

    @Test
    void aQuietOwnerPastTheIntervalKeepsItsIdAndIsNeverLockedOut() {
        // Finding 9: the id used to be taken over after one announce interval of silence, and the owner,
        // still connected, was then refused its own id.
        TrackerConnection owner = f.connect();
        f.announce(owner, "h", "p", STARTED, 5, 0);
        f.clock.advanceSeconds(f.trackerConfig.announceIntervalSeconds() + 1);
        TrackerConnection other = f.connect();
        assertEquals(TrackerError.PEER_ID_IN_USE, f.announce(other, "h", "p", UPDATE, 5, 0).error);
        f.clock.advanceSeconds(TIMEOUT - f.trackerConfig.announceIntervalSeconds() - 1);
        assertEquals(TrackerError.PEER_ID_IN_USE, f.announce(other, "h", "p", UPDATE, 5, 0).error,
                "exactly at the timeout the peer is not evicted yet");
        assertNull(f.announce(owner, "h", "p", UPDATE, 0, 0).error, "the owner's own re-announce");
        assertEquals(1, f.scrape("h").complete, "and it was applied");
    }

    @Test
    void anIdSilentPastThePeerTimeoutIsFreeEvenBeforeTheSweepRuns() {
        TrackerConnection old = f.connect();
        f.announce(old, "h", "p", STARTED, 0, 0);
        f.clock.advanceSeconds(TIMEOUT + 1);
        TrackerConnection fresh = f.connect();
        AnnounceOutcome out = f.announce(fresh, "h", "p", STARTED, 5, 0);
        assertNull(out.error);
        assertEquals(0, out.complete, "the evicted seeder is gone; the newcomer joins afresh");
        assertEquals(1, out.incomplete);
        assertEquals(TrackerError.PEER_ID_IN_USE, f.announce(old, "h", "p", UPDATE, 5, 0).error,
                "the old connection lost the id when it was evicted, as after a sweep");
        f.core.close(old);
        assertEquals(1, f.core.peerCount(), "closing the old connection must not remove the new binding");
        f.core.close(fresh);
        assertEquals(0, f.core.peerCount());
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void anOwnerEvictedBySilenceRejoinsWhenNobodyTookItsId() {
        TrackerConnection c = f.connect();
        f.announce(c, "h", "p", STARTED, 5, 0);
        f.clock.advanceSeconds(TIMEOUT + 1);
        assertEquals(1, sweepAll());
        AnnounceOutcome back = f.announce(c, "h", "p", UPDATE, 5, 0);
        assertNull(back.error);
        assertEquals(1, back.incomplete);
    }

    @Test
    void aNewConnectionTakesOverOnceTheOldOneIsClosed() {
        TrackerConnection old = f.connect();
        f.announce(old, "h", "p", STARTED, 5, 0);
        old.markClosed(); // closed, but its memberships not yet removed: the race close() has with announces
        TrackerConnection fresh = f.connect();
        assertNull(f.announce(fresh, "h", "p", UPDATE, 5, 0).error);
        f.core.close(old);
        assertEquals(1, f.core.peerCount(), "closing the old connection must not remove the taken-over peer");
        f.core.close(fresh);
        assertEquals(0, f.core.peerCount());
    }

    @Test
    void takingOverAnExpiredIdIsAJoinWithItsLimits() {
        CoreFixture small = new CoreFixture(CoreFixture.trackerWith(0, TIMEOUT, 10), CoreFixture.limitsWith(1, 100, 100));
        TrackerConnection old = small.connect();
        small.announce(old, "a", "p", STARTED, 5, 0);
        small.clock.advanceSeconds(TIMEOUT + 1);
        TrackerConnection busy = small.connect();
        small.announce(busy, "b", "q", STARTED, 5, 0);
        AnnounceOutcome takeover = small.announce(busy, "a", "p", UPDATE, 5, 0);
        assertEquals(TrackerError.TOO_MANY_SWARMS_ON_CONNECTION, takeover.error);
        assertEquals(1, small.core.peerCount(), "the expired binding was evicted; the refused join added nothing");
        assertTrue(small.core.countsConsistent());
    }

    @Test
    void anAnswerUnderAnIdBoundElsewhereIsRefusedButTheOwnersIsNot() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, 5, 0);
        f.announce(a, "h", "a", STARTED, 5, 1);
        assertEquals(TrackerError.PEER_ID_IN_USE,
                f.answer(f.connect(), "h", "b", "a", CoreFixture.offerId("a", 0)).error);
        assertSame(a, f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0)).target);
    }
}
