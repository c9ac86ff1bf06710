package org.signaltracker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PolicyEntry;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentActivity;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentPage;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentQuery.Standing;
import org.signaltracker.core.store.TorrentStore;

/**
 * What every {@link TorrentStore} adapter promises, run against each: SQLite in a temporary file and a
 * real PostgreSQL server. An adapter's test class only says how to open a fresh database and how to reach
 * it with plain JDBC.
 */
abstract class TorrentStoreContract {

    static final long T0 = 1_700_000_000L;

    TorrentStore store;

    /** Opens (and migrates) the test's database; a second call reopens the same data. */
    abstract TorrentStore open() throws StoreOpenException;

    /** A plain connection to the test's database, in auto-commit mode. */
    abstract Connection rawConnection() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static InfoHash hash(int first, int last) {
        byte[] bytes = new byte[InfoHash.BYTES];
        bytes[0] = (byte) first;
        bytes[19] = (byte) last;
        return InfoHash.of(bytes);
    }

    @Test
    void aNewDatabaseIsEmptyAndAtTheLatestSchemaVersion() throws Exception {
        assertEquals(List.of(), store.loadPolicy());
        assertTrue(store.get(hash(1, 1)).isEmpty());
        assertEquals(new TorrentPage(List.of(), null), store.list(TorrentQuery.firstPage(10)));
        assertEquals(List.of(1), schemaVersions());
    }

    @Test
    void putRegistersThenReplacesTheEntryKeepingCountsAndAddedAt() throws Exception {
        InfoHash h = hash(0xAB, 1);
        assertTrue(store.put(new TorrentEntry(h, "Big Buck Bunny", "first", true), T0));
        store.applyActivity(List.of(new TorrentActivity(h, 3, T0 + 10, T0 + 20)), false);
        assertFalse(store.put(new TorrentEntry(h, null, "second", false), T0 + 100));
        assertEquals(new StoredTorrent(h, null, "second", false, T0, T0 + 10, T0 + 20, 3), store.get(h).orElseThrow());
    }

    @Test
    void setAllowedFlipsTheStandingKeepingTheNameAndRegistersAnUnknownHash() throws Exception {
        InfoHash known = hash(1, 1);
        store.put(new TorrentEntry(known, "name", "note", true), T0);
        assertFalse(store.setAllowed(known, false, T0 + 5));
        assertEquals(new TorrentEntry(known, "name", "note", false), store.get(known).orElseThrow().entry());
        InfoHash unknown = hash(2, 2);
        assertTrue(store.setAllowed(unknown, false, T0 + 7));
        assertEquals(new StoredTorrent(unknown, null, null, false, T0 + 7, StoredTorrent.NEVER, StoredTorrent.NEVER,
                0), store.get(unknown).orElseThrow());
    }

    @Test
    void removeForgetsTheRowAndSaysWhetherThereWasOne() throws Exception {
        InfoHash h = hash(3, 3);
        store.put(new TorrentEntry(h, "x", null, true), T0);
        assertTrue(store.remove(h));
        assertFalse(store.remove(h));
        assertTrue(store.get(h).isEmpty());
    }

    @Test
    void loadPolicyReturnsEveryRowsStandingAndCompletedCount() throws Exception {
        store.put(new TorrentEntry(hash(1, 0), null, null, true), T0);
        store.put(new TorrentEntry(hash(2, 0), null, null, false), T0);
        store.applyActivity(List.of(new TorrentActivity(hash(1, 0), 5, T0, T0)), false);
        Map<InfoHash, PolicyEntry> byHash = store.loadPolicy().stream()
                .collect(Collectors.toMap(PolicyEntry::infoHash, e -> e));
        assertEquals(Map.of(hash(1, 0), new PolicyEntry(hash(1, 0), true, 5),
                hash(2, 0), new PolicyEntry(hash(2, 0), false, 0)), byHash);
    }

    @Test
    void activityAddsCountsAndWidensTheSeenSpanInAnyOrder() throws Exception {
        InfoHash h = hash(4, 4);
        store.put(new TorrentEntry(h, null, null, true), T0);
        assertEquals(3, store.applyActivity(List.of(
                new TorrentActivity(h, 2, T0 + 50, T0 + 60),
                new TorrentActivity(h, 0, T0 + 10, T0 + 20),   // earlier span, applied later
                new TorrentActivity(h, 1, T0 + 55, T0 + 90)), false));
        StoredTorrent row = store.get(h).orElseThrow();
        assertEquals(3, row.completed());
        assertEquals(T0 + 10, row.firstSeenEpochSecond());
        assertEquals(T0 + 90, row.lastSeenEpochSecond());
    }

    @Test
    void activityForAnUnknownHashIsDroppedUnlessUnknownHashesAreRecorded() throws Exception {
        InfoHash h = hash(5, 5);
        assertEquals(0, store.applyActivity(List.of(new TorrentActivity(h, 1, T0, T0 + 1)), false));
        assertTrue(store.get(h).isEmpty());
        assertEquals(1, store.applyActivity(List.of(new TorrentActivity(h, 2, T0 + 3, T0 + 4)), true));
        assertEquals(new StoredTorrent(h, null, null, true, T0 + 3, T0 + 3, T0 + 4, 2), store.get(h).orElseThrow());
        assertEquals(1, store.applyActivity(List.of(new TorrentActivity(h, 1, T0 + 1, T0 + 9)), true));
        assertEquals(new StoredTorrent(h, null, null, true, T0 + 3, T0 + 1, T0 + 9, 3), store.get(h).orElseThrow());
        assertEquals(0, store.applyActivity(List.of(), true));
    }

    @Test
    void recordingActivityNeverChangesAnOperatorsEntry() throws Exception {
        InfoHash h = hash(6, 6);
        store.put(new TorrentEntry(h, "kept", "kept too", false), T0);
        store.applyActivity(List.of(new TorrentActivity(h, 4, T0 + 1, T0 + 2)), true);
        assertEquals(new StoredTorrent(h, "kept", "kept too", false, T0, T0 + 1, T0 + 2, 4), store.get(h).orElseThrow());
    }

    @Test
    void textIsStoredVerbatimNeverReadAsSql() throws Exception {
        InfoHash h = hash(7, 7);
        String name = "'); DROP TABLE torrent; -- \"quoted\" \\ ünïcødé 🎬";
        store.put(new TorrentEntry(h, name, "line\nbreak\ttab", true), T0);
        StoredTorrent row = store.get(h).orElseThrow();
        assertEquals(name, row.name());
        assertEquals("line\nbreak\ttab", row.comment());
        assertEquals(1, store.loadPolicy().size());
    }

    @Test
    void listingPagesInUnsignedHashOrderAcrossEveryByteValue() throws Exception {
        List<InfoHash> hashes = new ArrayList<>();
        for (int first : new int[] {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF}) {
            for (int last : new int[] {0x00, 0xFF}) {
                InfoHash h = hash(first, last);
                hashes.add(h);
                store.put(new TorrentEntry(h, null, null, true), T0);
            }
        }
        hashes.sort(Comparator.naturalOrder());
        List<InfoHash> seen = new ArrayList<>();
        TorrentQuery query = TorrentQuery.firstPage(5);
        int pages = 0;
        while (true) {
            TorrentPage page = store.list(query);
            pages++;
            page.torrents().forEach(t -> seen.add(t.infoHash()));
            if (page.next() == null) {
                break;
            }
            assertTrue(pages < 10, "paging did not end");
            query = query.after(page.next());
        }
        assertEquals(hashes, seen);
        assertEquals(3, pages);
    }

    @Test
    void listingFiltersByStandingAndByNameIgnoringAsciiCaseWithWildcardsTakenLiterally() throws Exception {
        store.put(new TorrentEntry(hash(1, 0), "Sintel 4K", null, true), T0);
        store.put(new TorrentEntry(hash(2, 0), "sintel_trailer", null, false), T0);
        store.put(new TorrentEntry(hash(3, 0), "Tears of Steel 100%", null, true), T0);
        store.put(new TorrentEntry(hash(4, 0), null, null, false), T0);
        assertEquals(List.of(hash(1, 0), hash(2, 0)), hashes(new TorrentQuery(Standing.ANY, "SINTEL", null, 10)));
        assertEquals(List.of(hash(2, 0), hash(4, 0)), hashes(new TorrentQuery(Standing.DENIED, "", null, 10)));
        assertEquals(List.of(hash(1, 0), hash(3, 0)), hashes(new TorrentQuery(Standing.ALLOWED, "", null, 10)));
        assertEquals(List.of(hash(2, 0)), hashes(new TorrentQuery(Standing.ANY, "l_t", null, 10)));
        assertEquals(List.of(hash(3, 0)), hashes(new TorrentQuery(Standing.ANY, "0%", null, 10)));
        assertEquals(List.of(), hashes(new TorrentQuery(Standing.ALLOWED, "trailer", null, 10)));
        assertEquals(List.of(hash(3, 0)), hashes(new TorrentQuery(Standing.ALLOWED, "", hash(1, 0), 10)));
    }

    @Test
    void dataAndSchemaSurviveReopeningWithoutMigratingAgain() throws Exception {
        InfoHash h = hash(8, 8);
        store.put(new TorrentEntry(h, "kept", null, true), T0);
        store.applyActivity(List.of(new TorrentActivity(h, 7, T0, T0 + 1)), false);
        store.close();
        store = open();
        assertEquals(7, store.get(h).orElseThrow().completed());
        assertEquals(List.of(1), schemaVersions());
    }

    @Test
    void aSchemaWrittenByANewerDaemonStopsTheStartWithAClearMessage() throws Exception {
        store.close();
        store = null;
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_version (version, description, applied_at) "
                    + "VALUES (99, 'from the future', 0)");
        }
        StoreOpenException e = assertThrows(StoreOpenException.class, this::open);
        assertEquals(StoreOpenException.Fault.SCHEMA_TOO_NEW, e.fault());
        assertTrue(e.getMessage().contains("schema version 99 is newer than this daemon knows (1)"), e.getMessage());
    }

    @Test
    void manyRowsLoadAndCountInOneBatch() throws Exception {
        List<TorrentActivity> batch = new ArrayList<>();
        Map<InfoHash, Long> expected = new TreeMap<>();
        for (int i = 0; i < 2_000; i++) {
            InfoHash h = hash(i >> 8, i);
            batch.add(new TorrentActivity(h, i % 3, T0, T0 + i));
            expected.put(h, (long) (i % 3));
        }
        assertEquals(2_000, store.applyActivity(batch, true));
        Map<InfoHash, Long> loaded = new TreeMap<>();
        store.loadPolicy().forEach(e -> loaded.put(e.infoHash(), e.completed()));
        assertEquals(expected, loaded);
    }

    @Test
    void concurrentWritersLoseNoIncrement() throws Exception {
        InfoHash shared = hash(9, 9);
        store.put(new TorrentEntry(shared, "shared", null, true), T0);
        int threads = 4;
        int batches = 25;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                try {
                    for (int b = 0; b < batches; b++) {
                        store.applyActivity(List.of(new TorrentActivity(shared, 1, T0 + b, T0 + b),
                                new TorrentActivity(hash(10 + id, b), 2, T0, T0)), true);
                        store.setAllowed(hash(10 + id, b), b % 2 == 0, T0);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "contract-writer-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join(60_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(threads * batches, store.get(shared).orElseThrow().completed());
        assertEquals(1 + threads * batches, store.loadPolicy().size());
        assertEquals(2, store.get(hash(10, 3)).orElseThrow().completed());
        assertFalse(store.get(hash(10, 3)).orElseThrow().allowed());
    }

    private List<InfoHash> hashes(TorrentQuery query) throws Exception {
        TorrentPage page = store.list(query);
        assertNull(page.next());
        return page.torrents().stream().map(StoredTorrent::infoHash).toList();
    }

    private List<Integer> schemaVersions() throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
