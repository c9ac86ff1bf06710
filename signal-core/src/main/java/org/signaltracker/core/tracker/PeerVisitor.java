package org.signaltracker.core.tracker;

import org.signaltracker.core.session.PeerSession;

/**
 * Receives the peers of the census ({@link TrackerCensus#visitPeers}) one by one, while their stripe's lock
 * is held: it must be quick and must not call back into the core.
 */
@FunctionalInterface
public interface PeerVisitor {

    /**
     * One membership: a peer id (as {@link PackedKey} holds it: bytes 0-7, 8-15 and 16-19, big-endian) in one
     * swarm, as seeder or leecher, and its connection ({@code null} for an address peer).
     */
    void peer(long idHigh, long idMiddle, int idLow, boolean seeder, PeerSession session);
}
