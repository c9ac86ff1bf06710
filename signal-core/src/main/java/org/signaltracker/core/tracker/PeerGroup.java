package org.signaltracker.core.tracker;

/**
 * A dense array of peers with O(1) add and swap-remove; each peer knows its own slot. Dense storage is what
 * makes random choice O(k): any index below {@link #size()} is a member.
 *
 * <p>Not thread-safe: guarded by the stripe lock of its swarm.
 */
final class PeerGroup {

    private static final Peer[] EMPTY = new Peer[0];

    private Peer[] peers = EMPTY;
    private int size;

    int size() {
        return size;
    }

    Peer get(int index) {
        return peers[index];
    }

    void add(Peer peer) {
        if (size == peers.length) {
            Peer[] bigger = new Peer[Math.max(2, size + (size >> 1) + 1)];
            System.arraycopy(peers, 0, bigger, 0, size);
            peers = bigger;
        }
        peers[size] = peer;
        peer.slot = size;
        size++;
    }

    void remove(Peer peer) {
        int at = peer.slot;
        int last = --size;
        if (at != last) {
            Peer moved = peers[last];
            peers[at] = moved;
            moved.slot = at;
        }
        peers[last] = null;
        peer.slot = -1;
        if (size == 0) {
            peers = EMPTY;
        } else if (size * 4 < peers.length && peers.length > 8) {
            Peer[] smaller = new Peer[size * 2];
            System.arraycopy(peers, 0, smaller, 0, size);
            peers = smaller;
        }
    }
}
