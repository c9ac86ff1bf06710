package org.signaltracker.netty.app;

import java.util.logging.Logger;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.policy.PolicyMode;
import org.signaltracker.core.store.StoredTorrents;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.core.time.SystemClock;

/**
 * Starts the info-hash database's runtime side from the {@code database} section (policy, write and refresh
 * intervals) and applies a reloaded policy. A list policy without a database would refuse every torrent,
 * so it stops the start (status 2) instead of serving nothing. Stateless.
 */
public final class DatabaseStart {

    private static final Logger LOG = Logger.getLogger(DatabaseStart.class.getName());

    private DatabaseStart() {
    }

    /** The running database over an opened {@code store}, or {@code null} when there is none. */
    public static StoredTorrents start(TorrentStore store, DatabaseConfig database) {
        PolicyMode mode = PolicyMode.fromConfigName(database.policy());
        if (store == null) {
            if (mode != PolicyMode.OPEN) {
                System.err.println("signal-tracker: database.policy = " + database.policy()
                        + " needs a database, but database.url is empty");
                System.exit(2);
            }
            return null;
        }
        return StoredTorrents.start(store, mode, SystemClock.INSTANCE, database.writeIntervalSeconds() * 1000L,
                database.refreshSeconds() * 1000L);
    }

    /** A reload's policy, applied to the next announces; without a database only {@code open} can apply. */
    public static void applyPolicy(StoredTorrents torrents, DatabaseConfig next) {
        PolicyMode mode = PolicyMode.fromConfigName(next.policy());
        if (torrents == null) {
            if (mode != PolicyMode.OPEN) {
                LOG.warning("database.policy = " + next.policy() + " needs a database (database.url is empty, and "
                        + "only a restart opens one); every info hash stays served");
            }
            return;
        }
        if (torrents.policy().mode() != mode) {
            torrents.policy().mode(mode);
            LOG.info("database.policy is now " + mode.configName());
        }
    }
}
