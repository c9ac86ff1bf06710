package org.signaltracker.core.tracker;

/**
 * One membership of a peer id in one swarm. Kept small on purpose (about 56 bytes): a busy tracker holds
 * millions of these.
 *
 * <p>Guarded by the stripe lock of its swarm; only {@link #swarm} and the key are immutable.
 */
final class Peer extends PackedKey {

    final Swarm swarm;
    /** The connection that speaks for this peer id; null for an address (HTTP/UDP) peer. */
    TrackerConnection owner;
    /** Clock seconds of the last processed announce: drives the min interval and idle eviction. */
    int lastAnnounceSeconds;
    /** Position inside its {@link PeerGroup}, or -1 once removed from the swarm. */
    int slot = -1;
    boolean seeder;

    Peer(Swarm swarm, long high, long middle, int low) {
        super(high, middle, low);
        this.swarm = swarm;
    }

    boolean isMember() {
        return slot >= 0;
    }
}
