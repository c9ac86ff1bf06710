package org.signaltracker.core.tracker;

import java.util.SplittableRandom;

/**
 * One lock stripe: the swarms whose info hash maps here and the random source for their peer choice. The
 * stripe object itself is the lock; everything reachable from it is guarded by it.
 */
final class Stripe {

    final KeyedTable<Swarm> swarms = new KeyedTable<>(8);
    final SplittableRandom random;

    Stripe(long seed) {
        this.random = new SplittableRandom(seed);
    }
}
