package org.signaltracker.core.tracker;

import java.util.SplittableRandom;

/**
 * The peers of one info hash. Connected (WebSocket) peers live in a seeder group and a leecher group that
 * offers may be relayed to; address peers (HTTP/UDP trackers, added by later protocols) live in a group of
 * their own that counts in scrapes but is never offered to, since they cannot receive a WebRTC offer.
 *
 * <p>Not thread-safe: guarded by the lock of the stripe that holds it.
 */
final class Swarm extends PackedKey {

    private final KeyedTable<Peer> byId = new KeyedTable<>(1);
    private final PeerGroup seeders = new PeerGroup();
    private final PeerGroup leechers = new PeerGroup();
    private final PeerGroup addressPeers = new PeerGroup();
    private int addressSeeders;
    /** Peers that announced {@code completed} here, since the swarm was created. */
    long downloads;

    Swarm(long high, long middle, int low) {
        super(high, middle, low);
    }

    Peer find(long high, long middle, int low) {
        return byId.get(high, middle, low);
    }

    int size() {
        return byId.size();
    }

    boolean isEmpty() {
        return byId.size() == 0;
    }

    int complete() {
        return seeders.size() + addressSeeders;
    }

    int incomplete() {
        return leechers.size() + addressPeers.size() - addressSeeders;
    }

    void join(Peer peer, boolean seeder) {
        byId.add(peer);
        peer.seeder = seeder;
        if (peer.owner == null) {
            addressPeers.add(peer);
            if (seeder) {
                addressSeeders++;
            }
        } else {
            (seeder ? seeders : leechers).add(peer);
        }
    }

    void leave(Peer peer) {
        byId.remove(peer);
        if (peer.owner == null) {
            addressPeers.remove(peer);
            if (peer.seeder) {
                addressSeeders--;
            }
        } else {
            (peer.seeder ? seeders : leechers).remove(peer);
        }
    }

    void setSeeder(Peer peer, boolean seeder) {
        if (peer.seeder == seeder) {
            return;
        }
        if (peer.owner == null) {
            addressSeeders += seeder ? 1 : -1;
            peer.seeder = seeder;
            return;
        }
        (peer.seeder ? seeders : leechers).remove(peer);
        peer.seeder = seeder;
        (seeder ? seeders : leechers).add(peer);
    }

    /**
     * Picks up to {@code wanted} distinct connected peers other than {@code caller} whose connections are
     * open, writing their connections to {@code out}. Walks the combined seeder+leecher index space from a
     * random start with a random stride coprime to its size: every peer is visited at most once, the walk
     * allocates nothing and stops after O(wanted) steps in the usual case.
     */
    int chooseReceivers(Peer caller, int wanted, TrackerConnection[] out, SplittableRandom random) {
        int s = seeders.size();
        int n = s + leechers.size();
        if (wanted <= 0 || n == 0) {
            return 0;
        }
        int index = random.nextInt(n);
        int stride = coprimeStride(n, random);
        int chosen = 0;
        for (int step = 0; step < n && chosen < wanted; step++) {
            Peer peer = index < s ? seeders.get(index) : leechers.get(index - s);
            if (peer != caller && !peer.owner.isClosed()) {
                out[chosen++] = peer.owner;
            }
            index += stride;
            if (index >= n) {
                index -= n;
            }
        }
        return chosen;
    }

    /** Visits members from the last to the first, so the visitor may remove the peer it is given. */
    void evictIdle(int oldestAllowedSeconds, IdleEviction eviction) {
        evictIdle(seeders, oldestAllowedSeconds, eviction);
        evictIdle(leechers, oldestAllowedSeconds, eviction);
        evictIdle(addressPeers, oldestAllowedSeconds, eviction);
    }

    private static void evictIdle(PeerGroup group, int oldestAllowedSeconds, IdleEviction eviction) {
        for (int i = group.size() - 1; i >= 0; i--) {
            Peer peer = group.get(i);
            if (peer.lastAnnounceSeconds - oldestAllowedSeconds < 0) {
                eviction.evict(peer);
            }
        }
    }

    /** Checks that the counts match the members; for tests. */
    boolean countsConsistent() {
        int addressSeen = 0;
        for (int i = 0; i < addressPeers.size(); i++) {
            if (addressPeers.get(i).seeder) {
                addressSeen++;
            }
        }
        for (int i = 0; i < seeders.size(); i++) {
            if (!seeders.get(i).seeder || seeders.get(i).slot != i) {
                return false;
            }
        }
        for (int i = 0; i < leechers.size(); i++) {
            if (leechers.get(i).seeder || leechers.get(i).slot != i) {
                return false;
            }
        }
        return addressSeen == addressSeeders
                && seeders.size() + leechers.size() + addressPeers.size() == byId.size();
    }

    private static int coprimeStride(int n, SplittableRandom random) {
        if (n <= 2) {
            return 1;
        }
        while (true) {
            int candidate = 1 + random.nextInt(n - 1);
            if (gcd(candidate, n) == 1) {
                return candidate;
            }
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Called for each idle peer found by {@link #evictIdle}. */
    interface IdleEviction {
        void evict(Peer peer);
    }
}
