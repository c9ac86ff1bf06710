package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;

/** {@link TrackerCore#reconfigure}: reloaded caps and intervals apply to the next operation, members stay. */
class TrackerCoreReloadTest {

    @Test
    void aLoweredSwarmCapRefusesTheNextJoinAndKeepsTheMembers() {
        CoreFixture f = new CoreFixture(TrackerConfig.defaults(), CoreFixture.limitsWith(512, 10, 100));
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        TrackerConnection c = f.connect();
        assertNull(f.announce(a, "hot", "a", AnnounceEvent.STARTED, 10, 0).error);
        assertNull(f.announce(b, "hot", "b", AnnounceEvent.STARTED, 10, 0).error);

        f.core.reconfigure(TrackerConfig.defaults(), CoreFixture.limitsWith(512, 2, 100));
        assertEquals(TrackerError.SWARM_FULL, f.announce(c, "hot", "c", AnnounceEvent.STARTED, 10, 0).error);
        assertEquals(2, f.core.peerCount(), "no member is removed");

        f.core.reconfigure(TrackerConfig.defaults(), CoreFixture.limitsWith(512, 1, 100));
        assertNull(f.announce(a, "hot", "a", AnnounceEvent.UPDATE, 10, 0).error, "a member above a lowered cap re-announces");
        assertEquals(2, f.core.peerCount());
    }

    @Test
    void aRaisedMinIntervalAppliesToTheNextReAnnounce() {
        CoreFixture f = new CoreFixture(CoreFixture.trackerWith(0, 300, 5), LimitsConfig.defaults());
        TrackerConnection a = f.connect();
        f.announce(a, "h", "a", AnnounceEvent.STARTED, 10, 0);
        f.clock.advanceSeconds(5);
        assertEquals(false, f.announce(a, "h", "a", AnnounceEvent.UPDATE, 10, 0).rateLimited);

        f.core.reconfigure(CoreFixture.trackerWith(60, 300, 5), LimitsConfig.defaults());
        f.clock.advanceSeconds(5);
        assertEquals(true, f.announce(a, "h", "a", AnnounceEvent.UPDATE, 10, 0).rateLimited);
    }
}
