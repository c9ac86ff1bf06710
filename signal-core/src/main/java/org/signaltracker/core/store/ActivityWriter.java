package org.signaltracker.core.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.time.Clock;

/**
 * Writes completed counts and first/last-seen times behind the announce path. Event loops {@link #record}
 * into a {@link PendingActivity} (a short striped lock, no allocation, no I/O); the {@link DatabaseThread}
 * {@link #flush flushes} every interval, and {@link #close} once more at shutdown: each flush drains
 * what was recorded, folds it into what an earlier failed write kept, and applies the whole batch in one
 * transaction. If the database is unreachable the batch is kept and tried again next interval, with one
 * warning per interval; nothing is lost and no announce waits on it.
 *
 * <p>Thread-safe: {@link #record} from any thread; {@link #flush} is serialised (the database thread,
 * close, or a test).
 */
public final class ActivityWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ActivityWriter.class.getName());

    private final TorrentStore store;
    private final PendingActivity pending;
    private final BooleanSupplier recordUnknown;
    private final ThrottledLog failures;
    /** Activity drained but not yet written, kept across failed writes; guarded by {@code this}. */
    private final Map<InfoHash, TorrentActivity> unwritten = new LinkedHashMap<>();
    private boolean failing;

    /**
     * @param recordUnknown asked at each write: whether activity for a hash without a row creates one (the
     *                      {@code open} policy)
     * @param clock         paces the failure warning to one per {@code warnIntervalMillis}
     */
    public ActivityWriter(TorrentStore store, PendingActivity pending, BooleanSupplier recordUnknown, Clock clock,
            long warnIntervalMillis) {
        this.store = store;
        this.pending = pending;
        this.recordUnknown = recordUnknown;
        this.failures = new ThrottledLog(LOG, Level.WARNING, warnIntervalMillis, clock);
    }

    /** One announce of a 20-byte info hash, with {@code completed} more completed downloads. Allocation-free. */
    public void record(byte[] infoHash, int completed, long nowEpochSecond) {
        pending.record(infoHash, completed, nowEpochSecond);
    }

    /**
     * Writes everything recorded so far, with what earlier failed writes kept.
     *
     * @return whether the database now holds all of it ({@code false}: kept for the next try)
     */
    public synchronized boolean flush() {
        pending.drainTo(unwritten);
        if (unwritten.isEmpty()) {
            return true;
        }
        int rows = unwritten.size();
        try {
            store.applyActivity(new ArrayList<>(unwritten.values()), recordUnknown.getAsBoolean());
        } catch (StoreException e) {
            failing = true;
            failures.report(() -> e.getMessage() + "; keeping " + rows
                    + " torrents' counts in memory and trying again at the next write");
            return false;
        }
        unwritten.clear();
        if (failing) {
            failing = false;
            LOG.info(() -> store.description() + " is writable again: wrote the " + rows
                    + " torrents' counts kept while it was not");
        }
        return true;
    }

    /** Torrents whose activity is drained but not yet in the database (after failed writes). */
    public synchronized int unwrittenCount() {
        return unwritten.size();
    }

    /**
     * Writes what is left, once; what still cannot be written is named in the log. Call it after the
     * {@link DatabaseThread} is closed, and before the store is.
     */
    @Override
    public void close() {
        if (!flush()) {
            LOG.warning(() -> "stopping with " + unwrittenCount() + " torrents' counts not written to "
                    + store.description());
        }
    }
}
