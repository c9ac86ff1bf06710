package org.signaltracker.core.store;

import java.util.logging.Logger;
import org.signaltracker.core.policy.PolicyMode;
import org.signaltracker.core.policy.PolicyRefresher;
import org.signaltracker.core.policy.TorrentPolicy;
import org.signaltracker.core.time.Clock;
import org.signaltracker.core.tracker.TorrentHistory;

/**
 * The running daemon's side of the info-hash database: the in-memory policy and stored counts the announce
 * path reads, and the write-behind writer it records into, with the one database thread that writes every
 * {@code database.writeIntervalSeconds} and reloads every {@code database.refreshSeconds}. The core sees it
 * through its two ports: {@link #policy()} as the {@code TorrentAdmission}, this as the {@link TorrentHistory}.
 *
 * <p>It owns the store: {@link #close} stops the thread, writes what is pending, then closes the store, in
 * that order, so a SIGTERM after the listeners closed loses no count.
 *
 * <p>Thread-safe.
 */
public final class StoredTorrents implements TorrentHistory, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoredTorrents.class.getName());
    /** Enough stripes that event loops of a large machine rarely meet on one lock. */
    private static final int PENDING_STRIPES = 64;

    private final TorrentStore store;
    private final TorrentPolicy policy;
    private final StoredCounts counts = new StoredCounts();
    private final ActivityWriter writer;
    private final PolicyRefresher refresher;
    private final DatabaseThread thread = new DatabaseThread();

    private StoredTorrents(TorrentStore store, PolicyMode mode, Clock clock, long writeIntervalMillis,
            long refreshIntervalMillis) {
        this.store = store;
        this.policy = new TorrentPolicy(mode);
        // The mode is asked at each write: a reload from open to a list stops recording unknown torrents.
        this.writer = new ActivityWriter(store, new PendingActivity(PENDING_STRIPES),
                () -> policy.mode().recordsUnknownTorrents(), clock, writeIntervalMillis);
        this.refresher = new PolicyRefresher(store, policy, counts, clock, refreshIntervalMillis);
    }

    /**
     * Loads the standings and counts (before anything listens, so the first announce is decided by them) and
     * starts the database thread.
     */
    public static StoredTorrents start(TorrentStore store, PolicyMode mode, Clock clock, long writeIntervalMillis,
            long refreshIntervalMillis) {
        StoredTorrents torrents = new StoredTorrents(store, mode, clock, writeIntervalMillis, refreshIntervalMillis);
        if (torrents.refresher.refresh()) {
            LOG.info(() -> "info-hash database: policy " + mode.configName() + "; torrents registered: "
                    + torrents.policy.size() + ", with completed downloads: " + torrents.counts.size());
        }
        torrents.thread.every(writeIntervalMillis, "writing torrent activity", torrents.writer::flush);
        torrents.thread.every(refreshIntervalMillis, "refreshing the torrent policy", torrents.refresher::refresh);
        return torrents;
    }

    /**
     * Reloads the standings and counts on the database thread as soon as it is free: after a change made
     * through this daemon (the admin API), which then applies without waiting for the refresh interval.
     * Returns at once; never waits on the database.
     */
    public void refreshSoon() {
        thread.once("refreshing the torrent policy", refresher::refresh);
    }

    /** The in-memory policy: the core's admission, and what a change made through this daemon updates. */
    public TorrentPolicy policy() {
        return policy;
    }

    /** The write-behind writer, for tests and for a flush on demand. */
    public ActivityWriter writer() {
        return writer;
    }

    public TorrentStore store() {
        return store;
    }

    @Override
    public int storedDownloads(byte[] infoHash) {
        return counts.completed(infoHash);
    }

    @Override
    public void announced(byte[] infoHash, int completed) {
        // Wall-clock seconds, as stored; the core's clock is monotonic and starts anywhere.
        writer.record(infoHash, completed, System.currentTimeMillis() / 1000L);
    }

    /** Stops the database thread, writes what is pending, closes the store. */
    @Override
    public void close() {
        thread.close();
        writer.close();
        store.close();
    }
}
