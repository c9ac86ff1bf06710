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

    @Test
    void reloadedClassicTimingAppliesToAddressPeersOnly() {
        CoreFixture f = new CoreFixture(CoreFixture.trackerWith(0, 300, 5), LimitsConfig.defaults(),
                CoreFixture.classicWith(0, 600), TorrentAdmission.ALL, TorrentHistory.NONE);
        f.announceAddress("h", "a", "10.0.0.1", 1, AnnounceEvent.STARTED, 10, 50);
        f.clock.advanceSeconds(5);
        assertEquals(false, f.announceAddress("h", "a", "10.0.0.1", 1, AnnounceEvent.UPDATE, 10, 50).rateLimited);

        f.core.reconfigure(CoreFixture.trackerWith(0, 300, 5), LimitsConfig.defaults(),
                CoreFixture.classicWith(60, 100));
        f.clock.advanceSeconds(5);
        assertEquals(true, f.announceAddress("h", "a", "10.0.0.1", 1, AnnounceEvent.UPDATE, 10, 50).rateLimited);
        TrackerConnection ws = f.connect();
        f.announce(ws, "h", "ws", AnnounceEvent.STARTED, 10, 0);
        assertEquals(false, f.announce(ws, "h", "ws", AnnounceEvent.UPDATE, 10, 0).rateLimited,
                "the WebSocket min interval is tracker's, still 0");

        // The lowered classic timeout (100 s) evicts the address peer; the WebSocket one keeps its 300 s.
        f.clock.advanceSeconds(101);
        int evicted = 0;
        for (int i = 0; i < f.core.stripeCount(); i++) {
            evicted += f.core.sweepNextStripe();
        }
        assertEquals(1, evicted);
        assertEquals(0, f.core.addressPeerCount());
        assertEquals(1, f.core.peerCount());

        // The two-argument reload keeps the classic timing as it was.
        f.core.reconfigure(CoreFixture.trackerWith(0, 300, 5), LimitsConfig.defaults());
        f.announceAddress("h", "b", "10.0.0.2", 1, AnnounceEvent.STARTED, 10, 50);
        assertEquals(true, f.announceAddress("h", "b", "10.0.0.2", 1, AnnounceEvent.UPDATE, 10, 50).rateLimited);
    }
}
