package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.STOPPED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;

/** Choosing the receivers of offers: the num_want rule, distinctness, never the caller, never an address peer. */
class TrackerCoreOffersTest {

    private final CoreFixture f = new CoreFixture(CoreFixture.trackerWith(0, 240, 10), LimitsConfig.defaults());

    private TrackerConnection[] fillSwarm(String hash, int peers) {
        TrackerConnection[] connections = new TrackerConnection[peers];
        for (int i = 0; i < peers; i++) {
            connections[i] = f.connect();
            f.announce(connections[i], hash, "peer" + i, STARTED, i % 2, 0);
        }
        return connections;
    }

    @Test
    void receiversAreTheSmallestOfNumWantOffersMaximumAndSwarmSize() {
        fillSwarm("h", 20);
        TrackerConnection caller = f.connect();
        assertEquals(5, f.announce(caller, "h", "caller", STARTED, 1, 5).targetCount, "offers sent");
        assertEquals(3, f.announce(caller, "h", "caller", UPDATE, 1, 5, 3).targetCount, "numwant");
        assertEquals(10, f.announce(caller, "h", "caller", UPDATE, 1, 50).targetCount, "configured maximum");
        assertEquals(0, f.announce(caller, "h", "caller", UPDATE, 1, 5, 0).targetCount, "numwant 0");
        TrackerConnection lonely = f.connect();
        fillSwarm("small", 2);
        assertEquals(2, f.announce(lonely, "small", "x", STARTED, 1, 5).targetCount, "swarm size");
    }

    @Test
    void receiversAreDistinctAndNeverTheCaller() {
        TrackerConnection[] members = fillSwarm("h", 12);
        for (int round = 0; round < 200; round++) {
            AnnounceOutcome out = f.announce(members[0], "h", "peer0", UPDATE, 1, 10);
            assertEquals(10, out.targetCount);
            Set<TrackerConnection> seen = new HashSet<>();
            for (int i = 0; i < out.targetCount; i++) {
                assertNotSame(members[0], out.targets[i], "the caller was chosen");
                assertTrue(seen.add(out.targets[i]), "a peer was chosen twice");
            }
        }
    }

    @Test
    void everyOtherPeerIsEventuallyChosen() {
        TrackerConnection[] members = fillSwarm("h", 30);
        Set<TrackerConnection> seen = new HashSet<>();
        // 2,000 single picks among 29 peers: a fair chooser misses one with probability below 1e-28.
        for (int round = 0; round < 2_000; round++) {
            AnnounceOutcome out = f.announce(members[0], "h", "peer0", UPDATE, 1, 1);
            seen.add(out.targets[0]);
        }
        assertEquals(29, seen.size(), "random choice should reach every other peer");
    }

    @Test
    void stoppedRelaysNothing() {
        TrackerConnection[] members = fillSwarm("h", 3);
        assertEquals(0, f.announce(members[0], "h", "peer0", STOPPED, 1, 5).targetCount);
    }

    @Test
    void closedConnectionsAreNotChosen() {
        TrackerConnection[] members = fillSwarm("h", 3);
        members[1].markClosed();
        AnnounceOutcome out = f.announce(members[0], "h", "peer0", UPDATE, 1, 5);
        assertEquals(1, out.targetCount);
        assertEquals(members[2], out.targets[0]);
    }

    @Test
    void addressPeersCountButNeverReceiveOffers() {
        f.announceAddress("h", "http-seed", "10.0.0.1", 6881, STARTED, 0, 50);
        f.announceAddress("h", "udp-leech", "10.0.0.2", 6881, STARTED, 1, 50);
        TrackerConnection caller = f.connect();
        AnnounceOutcome out = f.announce(caller, "h", "ws", STARTED, 1, 5);
        assertEquals(0, out.targetCount, "an offer went to an address peer");
        assertEquals(1, out.complete);
        assertEquals(2, out.incomplete);
        TrackerConnection other = f.connect();
        AnnounceOutcome second = f.announce(other, "h", "ws2", STARTED, 1, 5);
        assertEquals(1, second.targetCount);
        assertEquals(caller, second.targets[0]);
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void addressAnswersHoldNoWebSocketPeerAndCountEveryKind() {
        TrackerConnection ws = f.connect();
        f.announce(ws, "h", "ws", STARTED, 0, 0);
        f.announce(f.connect(), "h", "ws2", STARTED, 1, 0);
        AddressOutcome out = f.announceAddress("h", "http", "10.0.0.1", 6881, STARTED, 1, 50);
        assertEquals(0, out.peerCount, "a WebSocket peer was returned to an address peer");
        assertEquals(1, out.complete);
        assertEquals(2, out.incomplete);
        AddressOutcome second = f.announceAddress("h", "udp", "10.0.0.2", 6881, STARTED, 0, 50);
        assertEquals(1, second.peerCount);
        assertEquals(2, second.complete);
        assertEquals(2, second.incomplete);
        assertTrue(f.core.countsConsistent());
    }
}
