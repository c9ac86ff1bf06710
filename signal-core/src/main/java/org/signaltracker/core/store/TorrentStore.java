package org.signaltracker.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The info-hash database: registered torrents with their allow/deny standing, and the completed counts and
 * first/last-seen times that outlive the process. The core reads it at start and on refresh into memory and
 * writes activity behind the announce path; nothing on an event loop calls it, since every method may wait
 * on a disk or a network.
 *
 * <p>Implementations are thread-safe: the write-behind writer, the refresher and an admin request may call
 * at the same time. Every failure is a {@link StoreException} whose message names the database; the store
 * stays usable after one, so a caller may retry once the database is back.
 */
public interface TorrentStore extends AutoCloseable {

    /** Every row's hash, standing and completed count, for the in-memory policy set and counts. */
    List<PolicyEntry> loadPolicy() throws StoreException;

    /**
     * Registers a torrent or replaces the name, comment and standing of a registered one; counts and times
     * stay.
     *
     * @return whether a new row was created
     */
    boolean put(TorrentEntry entry, long nowEpochSecond) throws StoreException;

    /**
     * Sets a torrent's standing, keeping its name and comment; an unknown hash is registered with that
     * standing and no name.
     *
     * @return whether a new row was created
     */
    boolean setAllowed(InfoHash infoHash, boolean allowed, long nowEpochSecond) throws StoreException;

    /**
     * Forgets a torrent with its counts.
     *
     * @return whether there was such a row
     */
    boolean remove(InfoHash infoHash) throws StoreException;

    Optional<StoredTorrent> get(InfoHash infoHash) throws StoreException;

    TorrentPage list(TorrentQuery query) throws StoreException;

    /**
     * Applies a batch of activity in one transaction: all of it or, on failure, none of it, so the caller
     * can keep the batch and retry it whole.
     *
     * @param recordUnknown whether a hash without a row gets one (allowed, no name), as the {@code open}
     *                      policy records every torrent seen; otherwise activity for such a hash is dropped, so
     *                      a torrent removed by an operator is not brought back by its last announces
     * @return how many rows were updated or created
     */
    int applyActivity(Collection<TorrentActivity> batch, boolean recordUnknown) throws StoreException;

    /** Where the data lives, for log lines: the file or the host and database, never a password. */
    String description();

    /** Releases the connections; further calls fail. */
    @Override
    void close();
}
