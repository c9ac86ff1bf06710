package org.signaltracker.core.tracker;

/**
 * One membership of a peer id in one swarm. Kept at 56 bytes on purpose (a busy tracker holds millions):
 * the seeder flag lives in the lowest bit of {@link #position} instead of a field of its own, and the
 * offers it has received live in an array created only while it has some. An address (HTTP/UDP) peer is
 * the subclass {@link AddressPeer}, keyed by its endpoint instead of its id.
 *
 * <p>Guarded by the stripe lock of its swarm; only {@link #swarm} and the key are immutable.
 */
sealed class Peer extends PackedKey permits AddressPeer {

    final Swarm swarm;
    /** The connection that speaks for this peer id; null for an address (HTTP/UDP) peer. */
    TrackerConnection owner;
    /** Clock seconds of the last processed announce: drives the min interval and idle eviction. */
    int lastAnnounceSeconds;
    /** index &lt;&lt; 1 | seeder bit, inside the swarm's member array or address group; -1 once removed. */
    int position = -1;
    /** Offers received and not yet answered ({@link PendingOffers}); null until the first one. */
    long[] offers;

    Peer(Swarm swarm, long high, long middle, int low) {
        super(high, middle, low);
        this.swarm = swarm;
    }

    boolean isMember() {
        return position >= 0;
    }

    boolean isSeeder() {
        return (position & 1) != 0;
    }

    int index() {
        return position >> 1;
    }

    void place(int index, boolean seeder) {
        position = index << 1 | (seeder ? 1 : 0);
    }
}
