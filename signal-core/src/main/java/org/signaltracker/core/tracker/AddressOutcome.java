package org.signaltracker.core.tracker;

import org.signaltracker.core.error.TrackerError;

/**
 * What the core decided for one {@link AddressAnnounce}: the counts, whether it was refused or came before
 * the min interval, and the peers for the answer, already in the compact wire form so that an encoder
 * copies bytes and touches no object per peer.
 *
 * <p>Peers are address peers of the caller's own family only (never WebSocket peers, never the caller).
 * Entry {@code i} of {@link #endpoints} is {@link #entryBytes()} long: the address ({@code addressLength}
 * bytes) then the port (2 bytes, big-endian), exactly as BEP 23 ({@code peers}) and BEP 7 ({@code peers6})
 * and BEP 15 lay them out; {@link #peerIds} holds the same peers' ids, 20 bytes each, for the dictionary
 * model.
 *
 * <p>Mutable and reused, one per event loop. Filled under a stripe lock. Not thread-safe.
 */
public final class AddressOutcome {

    /** Set when the announce was refused; only the counts are then meaningful. */
    public TrackerError error;
    /** True when the announce came before the min interval: counts only, nothing changed, no peers. */
    public boolean rateLimited;
    /** Seeders of every kind in the swarm after this announce (WebSocket and address, both families). */
    public int complete;
    /** Leechers of every kind in the swarm after this announce. */
    public int incomplete;
    /** Completed downloads of the swarm (stored ones included). */
    public long downloaded;
    /** Peers in {@link #endpoints} and {@link #peerIds}. */
    public int peerCount;
    /** Address length of the returned peers: the caller's family (4 or 16). */
    public int addressLength = AddressAnnounce.IPV4_BYTES;
    public final byte[] endpoints;
    public final byte[] peerIds;
    private final int capacity;

    /** Room for {@code maxPeers} peers of either family. */
    public AddressOutcome(int maxPeers) {
        this.capacity = maxPeers;
        this.endpoints = new byte[maxPeers * (AddressAnnounce.IPV6_BYTES + 2)];
        this.peerIds = new byte[maxPeers * 20];
    }

    /** Most peers this outcome can hold. */
    public int capacity() {
        return capacity;
    }

    /** Bytes per entry of {@link #endpoints}: 6 for IPv4, 18 for IPv6. */
    public int entryBytes() {
        return addressLength + 2;
    }

    public void reset() {
        error = null;
        rateLimited = false;
        complete = 0;
        incomplete = 0;
        downloaded = 0;
        peerCount = 0;
        addressLength = AddressAnnounce.IPV4_BYTES;
    }
}
