package org.signaltracker.core.policy;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.store.PolicyEntry;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredCounts;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.core.time.Clock;

/**
 * Reloads the policy's standings from the database, so changes made by another process (the command-line
 * tool, another daemon on the same PostgreSQL database) apply within one refresh interval. Runs on the
 * database thread. While the database is unreachable the policy keeps the standings it has, with one
 * warning per interval.
 *
 * <p>Not thread-safe: one thread refreshes.
 */
public final class PolicyRefresher {

    private static final Logger LOG = Logger.getLogger(PolicyRefresher.class.getName());

    private final TorrentStore store;
    private final TorrentPolicy policy;
    private final StoredCounts counts;
    private final ThrottledLog failures;

    public PolicyRefresher(TorrentStore store, TorrentPolicy policy, Clock clock, long warnIntervalMillis) {
        this(store, policy, new StoredCounts(), clock, warnIntervalMillis);
    }

    /** @param counts takes the completed counts of each load too, for swarms created from then on */
    public PolicyRefresher(TorrentStore store, TorrentPolicy policy, StoredCounts counts, Clock clock,
            long warnIntervalMillis) {
        this.store = store;
        this.policy = policy;
        this.counts = counts;
        this.failures = new ThrottledLog(LOG, Level.WARNING, warnIntervalMillis, clock);
    }

    /** @return whether the standings now match the database */
    public boolean refresh() {
        List<PolicyEntry> entries;
        try {
            entries = store.loadPolicy();
        } catch (StoreException e) {
            failures.report(() -> e.getMessage() + "; the " + policy.mode().configName() + " policy keeps the "
                    + policy.size() + " standings it has");
            return false;
        }
        policy.replaceAll(entries);
        counts.replaceAll(entries);
        return true;
    }
}
