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
 * Random joins, leaves, promotions and demotions on one swarm, checked after every step against plain maps:
 * the swarm and its address groups switch between their small, array and indexed shapes many times on the
 * way. A connected peer's id and an address peer's endpoint key are made equal on purpose: each kind must
 * still find only its own.
 */
class SwarmModelTest {

    private static final int CONNECTED = 0;
    private static final int IPV4 = 1;
    private static final int IPV6 = 2;

    private final TrackerConnection connection = new TrackerConnection(new RecordingPeerSession(),
            new MessageBudget(1, 1, 0));

    /** The key of peer {@code id} of a kind; a connected id and an IPv4 endpoint of the same number are equal. */
    private static int low(int id, int kind) {
        return Endpoint.low(id + 1, kind == IPV6 ? AddressAnnounce.IPV6_BYTES : AddressAnnounce.IPV4_BYTES);
    }

    private Peer lookup(Swarm swarm, int id, int kind) {
        return kind == CONNECTED ? swarm.find(id, id * 31L, low(id, kind))
                : swarm.findAddress(id, id * 31L, low(id, kind));
    }

    @Test
    void swarmAgreesWithAMapThroughEveryShape() {
        SplittableRandom random = new SplittableRandom(11);
        Swarm swarm = new Swarm(1, 2, 3);
        List<Map<Integer, Peer>> peers = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        Map<Peer, Boolean> seeder = new HashMap<>();
        int shapesSeen = 0;
        int[] lastSize = new int[3];
        for (int step = 0; step < 200_000; step++) {
            int kind = random.nextInt(3);
            int id = random.nextInt(24);
            Map<Integer, Peer> ofKind = peers.get(kind);
            Peer present = ofKind.get(id);
            int action = random.nextInt(10);
            if (present == null && action < 6) {
                Peer peer;
                if (kind == CONNECTED) {
                    peer = new Peer(swarm, id, id * 31L, low(id, kind));
                    peer.owner = connection;
                } else {
                    peer = new AddressPeer(swarm, id, id * 31L, low(id, kind));
                }
                boolean isSeeder = random.nextBoolean();
                swarm.join(peer, isSeeder);
                ofKind.put(id, peer);
                seeder.put(peer, isSeeder);
            } else if (present != null && action < 4) {
                swarm.leave(present);
                assertFalse(present.isMember());
                ofKind.remove(id);
                seeder.remove(present);
            } else if (present != null) {
                boolean isSeeder = random.nextBoolean();
                swarm.setSeeder(present, isSeeder);
                seeder.put(present, isSeeder);
            }
            assertTrue(swarm.countsConsistent(), "inconsistent after step " + step);
            long seeders = seeder.values().stream().filter(b -> b).count();
            assertEquals(seeders, swarm.complete(), "complete at step " + step);
            assertEquals(seeder.size() - seeders, swarm.incomplete(), "incomplete at step " + step);
            for (int k = 0; k < 3; k++) {
                Peer probe = peers.get(k).get(id);
                Peer found = lookup(swarm, id, k);
                if (probe == null) {
                    assertNull(found, "kind " + k + " found another kind's peer at step " + step);
                } else {
                    assertSame(probe, found);
                    assertEquals(seeder.get(probe), found.isSeeder());
                }
                int size = peers.get(k).size();
                if ((lastSize[k] <= Swarm.INDEX_THRESHOLD) != (size <= Swarm.INDEX_THRESHOLD)) {
                    shapesSeen++;
                }
                lastSize[k] = size;
            }
        }
        assertTrue(shapesSeen > 300, "the walk should cross the index thresholds often, crossed " + shapesSeen);
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
        swarm.join(new AddressPeer(swarm, 99, 99, Endpoint.low(99, AddressAnnounce.IPV4_BYTES)), false);
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
