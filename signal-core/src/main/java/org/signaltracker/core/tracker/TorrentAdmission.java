package org.signaltracker.core.tracker;

/**
 * Whether the tracker serves an info hash: the port through which the announce path asks the torrent policy
 * (in memory, see {@code core.policy.TorrentPolicy}). It is called on every announce and scrape, so an
 * implementation answers from memory without a query, a lock or an allocation; a node of a cluster would
 * plug its shared list in here.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface TorrentAdmission {

    /** Every info hash is served: no database, or the {@code open} policy. */
    TorrentAdmission ALL = infoHash -> true;

    /** Whether announces and scrapes of this 20-byte info hash are served. Allocation-free. */
    boolean admits(byte[] infoHash);
}
