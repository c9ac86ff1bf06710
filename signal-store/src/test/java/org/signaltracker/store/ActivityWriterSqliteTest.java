package org.signaltracker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.policy.PolicyMode;
import org.signaltracker.core.policy.TorrentPolicy;
import org.signaltracker.core.store.ActivityWriter;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PendingActivity;
import org.signaltracker.core.store.PolicyEntry;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentActivity;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentPage;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.core.time.ManualClock;

/**
 * The in-memory policy and the write-behind writer on a real SQLite file: counts written behind survive
 * reopening, the policy follows what was loaded, and a write that fails is kept and lands once.
 */
class ActivityWriterSqliteTest {

    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path stateDirectory;

    private TorrentStore open() throws Exception {
        return TorrentStores.open(new DatabaseConfig("sqlite:t.db", "", "", 1, 1),
                Map.of("STATE_DIRECTORY", stateDirectory.toString()), T0);
    }

    @Test
    void countsWrittenBehindSurviveReopeningAndFollowThePolicy() throws Exception {
        InfoHash listed = TorrentStoreContract.hash(1, 1);
        InfoHash unlisted = TorrentStoreContract.hash(2, 2);
        try (TorrentStore store = open()) {
            store.put(new TorrentEntry(listed, "listed", null, true), T0);
            TorrentPolicy policy = new TorrentPolicy(PolicyMode.ALLOW_LIST);
            policy.replaceAll(store.loadPolicy());
            assertTrue(policy.permits(listed));
            assertFalse(policy.permits(unlisted));
            try (ActivityWriter writer = new ActivityWriter(store, new PendingActivity(4),
                    () -> policy.mode().recordsUnknownTorrents(), new ManualClock(), 1000)) {
                writer.record(listed.toBytes(), 1, T0 + 1);
                writer.record(listed.toBytes(), 1, T0 + 2);
                writer.record(unlisted.toBytes(), 1, T0 + 3);
                assertTrue(writer.flush());
                writer.record(listed.toBytes(), 1, T0 + 4);
            } // close writes the last record
        }
        try (TorrentStore store = open()) {
            assertEquals(new StoredTorrent(listed, "listed", null, true, T0, T0 + 1, T0 + 4, 3),
                    store.get(listed).orElseThrow());
            assertTrue(store.get(unlisted).isEmpty(), "allow-list does not record unlisted torrents");
            assertEquals(List.of(new PolicyEntry(listed, true, 3)), store.loadPolicy());
        }
    }

    @Test
    void aWriteThatFailsIsKeptAndLandsOnceWhenTheDatabaseIsBack() throws Exception {
        InfoHash h = TorrentStoreContract.hash(3, 3);
        try (TorrentStore sqlite = open()) {
            Outage store = new Outage(sqlite);
            ActivityWriter writer = new ActivityWriter(store, new PendingActivity(4), () -> true, new ManualClock(),
                    1000);
            writer.record(h.toBytes(), 2, T0);
            store.down = true;
            assertFalse(writer.flush());
            writer.record(h.toBytes(), 3, T0 + 8);
            assertFalse(writer.flush());
            assertTrue(sqlite.get(h).isEmpty());
            store.down = false;
            assertTrue(writer.flush());
            writer.close();
            assertEquals(new StoredTorrent(h, null, null, true, T0, T0, T0 + 8, 5), sqlite.get(h).orElseThrow());
        }
    }

    /** The real store, refusing writes while {@code down}, as an unreachable database would. */
    private static final class Outage implements TorrentStore {
        private final TorrentStore real;
        volatile boolean down;

        Outage(TorrentStore real) {
            this.real = real;
        }

        @Override
        public int applyActivity(Collection<TorrentActivity> batch, boolean recordUnknown) throws StoreException {
            if (down) {
                throw new StoreException(real.description() + ": cannot write (test outage)");
            }
            return real.applyActivity(batch, recordUnknown);
        }

        @Override
        public List<PolicyEntry> loadPolicy() throws StoreException {
            return real.loadPolicy();
        }

        @Override
        public boolean put(TorrentEntry entry, long now) throws StoreException {
            return real.put(entry, now);
        }

        @Override
        public boolean setAllowed(InfoHash infoHash, boolean allowed, long now) throws StoreException {
            return real.setAllowed(infoHash, allowed, now);
        }

        @Override
        public boolean remove(InfoHash infoHash) throws StoreException {
            return real.remove(infoHash);
        }

        @Override
        public Optional<StoredTorrent> get(InfoHash infoHash) throws StoreException {
            return real.get(infoHash);
        }

        @Override
        public TorrentPage list(TorrentQuery query) throws StoreException {
            return real.list(query);
        }

        @Override
        public String description() {
            return real.description();
        }

        @Override
        public void close() {
        }
    }
}
