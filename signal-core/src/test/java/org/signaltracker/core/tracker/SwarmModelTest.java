package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.session.RecordingPeerSession;

/**
 * Random joins, leaves, promotions and demotions on one swarm, checked after every step against a plain
 * map: the swarm switches between its one-peer, array and indexed shapes many times on the way.
 */
class SwarmModelTest {

    private final TrackerConnection connection = new TrackerConnection(new RecordingPeerSession(),
            new MessageBudget(1, 1, 0));

    @Test
    void swarmAgreesWithAMapThroughEveryShape() {
        SplittableRandom random = new SplittableRandom(11);
        Swarm swarm = new Swarm(1, 2, 3);
        Map<Integer, Peer> peers = new HashMap<>();
        Map<Integer, Boolean> seeder = new HashMap<>();
        int shapesSeen = 0;
        int lastSize = 0;
        for (int step = 0; step < 200_000; step++) {
            int id = random.nextInt(24);
            Peer present = peers.get(id);
            int action = random.nextInt(10);
            if (present == null && action < 6) {
                boolean address = random.nextInt(8) == 0;
                Peer peer = new Peer(swarm, id, id * 31L, id);
                peer.owner = address ? null : connection;
                boolean isSeeder = random.nextBoolean();
                swarm.join(peer, isSeeder);
                peers.put(id, peer);
                seeder.put(id, isSeeder);
            } else if (present != null && action < 4) {
                swarm.leave(present);
                assertFalse(present.isMember());
                peers.remove(id);
                seeder.remove(id);
            } else if (present != null) {
                boolean isSeeder = random.nextBoolean();
                swarm.setSeeder(present, isSeeder);
                seeder.put(id, isSeeder);
            }
            assertTrue(swarm.countsConsistent(), "inconsistent after step " + step);
            long seeders = seeder.values().stream().filter(b -> b).count();
            assertEquals(seeders, swarm.complete(), "complete at step " + step);
            assertEquals(peers.size() - seeders, swarm.incomplete(), "incomplete at step " + step);
            Peer probe = peers.get(id);
            Peer found = swarm.find(id, id * 31L, id);
            if (probe == null) {
                assertNull(found);
            } else {
                assertSame(probe, found);
                assertEquals(seeder.get(id), found.isSeeder());
            }
            if ((lastSize <= Swarm.INDEX_THRESHOLD) != (swarm.size() <= Swarm.INDEX_THRESHOLD)) {
                shapesSeen++;
            }
            lastSize = swarm.size();
        }
        assertTrue(shapesSeen > 100, "the walk should cross the index threshold often, crossed " + shapesSeen);
    }

    @Test
    void receiversAreDistinctConnectedMembersOnly() {
        Swarm swarm = new Swarm(1, 2, 3);
        List<TrackerConnection> owners = new ArrayList<>();
        Peer caller = null;
        for (int i = 0; i < 12; i++) {
            TrackerConnection owner = new TrackerConnection(new RecordingPeerSession(), new MessageBudget(1, 1, 0));
            Peer peer = new Peer(swarm, i, i, i);
            peer.owner = owner;
            swarm.join(peer, i % 3 == 0);
            owners.add(owner);
            if (i == 5) {
                caller = peer;
            }
        }
        Peer addressPeer = new Peer(swarm, 99, 99, 99);
        swarm.join(addressPeer, true);
        AnnounceOutcome out = new AnnounceOutcome(20);
        swarm.chooseReceivers(caller, 77L, new long[20], 20, 0, new Stripe(5, 6), out);
        int chosen = out.targetCount;
        assertEquals(11, chosen, "every other connected peer, and never the address peer");
        Set<TrackerConnection> distinct = new HashSet<>();
        for (int i = 0; i < chosen; i++) {
            assertTrue(distinct.add(out.targets[i]));
            assertFalse(out.targets[i] == owners.get(5), "the caller was chosen");
        }
    }
}
