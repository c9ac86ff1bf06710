package org.signaltracker.core.tracker;

import java.util.SplittableRandom;

/**
 * The address (HTTP/UDP) peers of one swarm and one family (IPv4 or IPv6): a caller is answered from its
 * own family only, so the walk never passes over peers it could not use. Laid out like the connected
 * members of {@link Swarm}: one dense array, seeders first and leechers after a boundary, so joins, leaves
 * and status changes are O(1) swaps and the leechers are one contiguous range. Looked up by endpoint, with
 * a table of its own built only past {@link Swarm#INDEX_THRESHOLD} peers; it is never consulted for a
 * WebSocket peer id, nor the WebSocket table for an endpoint.
 *
 * <p>Not thread-safe: guarded by the lock of the stripe that holds its swarm.
 */
final class AddressGroup {

    /** Starts with room for one: most address swarms hold one peer of a family. */
    private AddressPeer[] peers = new AddressPeer[1];
    private int count;
    private int seeders;
    private KeyedTable<AddressPeer> byEndpoint;

    int count() {
        return count;
    }

    /** The family of the group's peers, 4 or 16; read from a peer, so only while the group has one. */
    int addressLength() {
        return peers[0].addressLength();
    }

    int seeders() {
        return seeders;
    }

    AddressPeer peer(int index) {
        return peers[index];
    }

    AddressPeer find(long high, long middle, int low) {
        if (byEndpoint != null) {
            return byEndpoint.get(high, middle, low);
        }
        for (int i = 0; i < count; i++) {
            if (peers[i].hasKey(high, middle, low)) {
                return peers[i];
            }
        }
        return null;
    }

    void join(AddressPeer peer, boolean seeder) {
        if (count == peers.length) {
            AddressPeer[] bigger = new AddressPeer[count * 2];
            System.arraycopy(peers, 0, bigger, 0, count);
            peers = bigger;
        }
        if (seeder) {
            // Open a slot at the boundary: the first leecher moves to the end.
            if (seeders < count) {
                put(count, peers[seeders], false);
            }
            put(seeders, peer, true);
            seeders++;
        } else {
            put(count, peer, false);
        }
        count++;
        if (byEndpoint != null) {
            byEndpoint.add(peer);
        } else if (count > Swarm.INDEX_THRESHOLD) {
            byEndpoint = new KeyedTable<>(count * 2);
            for (int i = 0; i < count; i++) {
                byEndpoint.add(peers[i]);
            }
        }
    }

    void leave(AddressPeer peer) {
        int at = peer.index();
        if (peer.isSeeder()) {
            int lastSeeder = seeders - 1;
            if (at != lastSeeder) {
                put(at, peers[lastSeeder], true);
            }
            at = lastSeeder;
            seeders--;
        }
        int last = count - 1;
        if (at != last) {
            put(at, peers[last], false);
        }
        peers[last] = null;
        count--;
        peer.position = -1;
        if (byEndpoint != null) {
            byEndpoint.remove(peer);
            if (count <= Swarm.INDEX_THRESHOLD / 2) {
                byEndpoint = null;
            }
        }
        if (count * 4 < peers.length && peers.length > 8) {
            AddressPeer[] smaller = new AddressPeer[count * 2];
            System.arraycopy(peers, 0, smaller, 0, count);
            peers = smaller;
        }
    }

    void setSeeder(AddressPeer peer, boolean seeder) {
        if (peer.isSeeder() == seeder) {
            return;
        }
        int at = peer.index();
        if (seeder) {
            put(at, peers[seeders], false);
            put(seeders, peer, true);
            seeders++;
        } else {
            int lastSeeder = seeders - 1;
            put(at, peers[lastSeeder], true);
            put(lastSeeder, peer, false);
            seeders--;
        }
    }

    /**
     * Writes up to {@code wanted} peers other than {@code caller} into {@code out} (endpoints and ids) and
     * returns how many. A seeder caller gets leechers only: two seeders have nothing to trade, and the
     * answer's room is better spent on peers that want its pieces (opentracker and aquatic prefer leechers
     * for seeders too). Walks from a random start with a random stride coprime to the candidates, so every
     * candidate is visited at most once, the choice is uniform enough, and nothing is allocated.
     */
    int choose(AddressPeer caller, int wanted, SplittableRandom random, AddressOutcome out) {
        int base = caller.isSeeder() ? seeders : 0;
        int n = count - base;
        if (wanted <= 0 || n <= 0) {
            return 0;
        }
        int entryBytes = caller.addressLength() + 2;
        int index = random.nextInt(n);
        int stride = Swarm.coprimeStride(n, random);
        int chosen = 0;
        for (int step = 0; step < n && chosen < wanted; step++) {
            AddressPeer peer = peers[base + index];
            if (peer != caller) {
                peer.writeEndpoint(out.endpoints, chosen * entryBytes);
                peer.writePeerId(out.peerIds, chosen * 20);
                chosen++;
            }
            index += stride;
            if (index >= n) {
                index -= n;
            }
        }
        return chosen;
    }

    /** Evicts peers that last announced before {@code oldestAllowedSeconds}, last to first. */
    void evictIdle(int oldestAllowedSeconds, Swarm.IdleEviction eviction) {
        // Removing index i only moves peers from higher indexes (already visited) into i.
        for (int i = count - 1; i >= 0; i--) {
            AddressPeer peer = peers[i];
            if (peer.lastAnnounceSeconds - oldestAllowedSeconds < 0) {
                eviction.evict(peer);
            }
        }
    }

    /** Checks positions, the seeder boundary, the family and the index against the peers; for tests. */
    boolean countsConsistent(Swarm swarm, int addressLength) {
        for (int i = 0; i < count; i++) {
            AddressPeer peer = peers[i];
            if (peer.index() != i || peer.isSeeder() != (i < seeders) || peer.swarm != swarm
                    || peer.addressLength() != addressLength || peer.owner != null) {
                return false;
            }
        }
        if (byEndpoint == null) {
            return count <= Swarm.INDEX_THRESHOLD;
        }
        if (byEndpoint.size() != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (byEndpoint.get(peers[i].keyHigh, peers[i].keyMiddle, peers[i].keyLow) != peers[i]) {
                return false;
            }
        }
        return true;
    }

    private void put(int index, AddressPeer peer, boolean seeder) {
        peers[index] = peer;
        peer.place(index, seeder);
    }
}
