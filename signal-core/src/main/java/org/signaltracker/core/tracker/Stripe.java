package org.signaltracker.core.tracker;

import java.util.SplittableRandom;

/**
 * One lock stripe: the swarms whose info hash maps here and the random source for their peer choice. The
 * stripe object itself is the lock; everything reachable from it is guarded by it.
 */
final class Stripe {

    final KeyedTable<Swarm> swarms = new KeyedTable<>(8);
    final SplittableRandom random;
    /** Secret seed of {@link PendingOffers#senderHash} for the swarms here, so ids cannot be made to collide. */
    final long idSeed;

    Stripe(long seed, long idSeed) {
        this.random = new SplittableRandom(seed);
        this.idSeed = idSeed;
    }
}
