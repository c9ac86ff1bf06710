package org.signaltracker.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PolicyEntry;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentActivity;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentPage;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.core.time.ManualClock;

/** A refresh takes another process's changes; a failed one keeps the standings the policy has. */
class PolicyRefresherTest {

    private static final InfoHash A = TorrentPolicyTest.hash(1);

    /** A database whose rows another process changes, and which can be down. */
    private static final class Rows implements TorrentStore {
        volatile List<PolicyEntry> rows = List.of();
        volatile boolean down;

        @Override
        public List<PolicyEntry> loadPolicy() throws StoreException {
            if (down) {
                throw new StoreException("test db: connection refused");
            }
            return rows;
        }

        @Override
        public boolean put(TorrentEntry entry, long now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean setAllowed(InfoHash infoHash, boolean allowed, long now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(InfoHash infoHash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredTorrent> get(InfoHash infoHash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TorrentPage list(TorrentQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int applyActivity(Collection<TorrentActivity> batch, boolean recordUnknown) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String description() {
            return "test db";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aRefreshTakesChangesMadeElsewhereAndAnOutageKeepsTheLastStandings() {
        Rows db = new Rows();
        TorrentPolicy policy = new TorrentPolicy(PolicyMode.ALLOW_LIST);
        PolicyRefresher refresher = new PolicyRefresher(db, policy, new ManualClock(), 1000);
        assertTrue(refresher.refresh());
        assertFalse(policy.permits(A));
        db.rows = List.of(new PolicyEntry(A, true, 0));   // the command-line tool allowed A
        assertTrue(refresher.refresh());
        assertTrue(policy.permits(A));
        db.down = true;
        db.rows = List.of();
        assertFalse(refresher.refresh());
        assertTrue(policy.permits(A), "an outage keeps what was loaded");
        assertEquals(1, policy.size());
    }
}
