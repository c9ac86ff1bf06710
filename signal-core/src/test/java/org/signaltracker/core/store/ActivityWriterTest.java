package org.signaltracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.time.ManualClock;

/** The write-behind writer over a store that can fail: nothing lost, nothing counted twice. */
class ActivityWriterTest {

    private static final long T0 = 1_700_000_000L;
    private final InMemoryTorrentStore store = new InMemoryTorrentStore();
    private final ManualClock clock = new ManualClock();
    private final ActivityWriter writer = new ActivityWriter(store, new PendingActivity(4), () -> true, clock, 5_000);
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(ActivityWriter.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
        writer.close();
    }

    static byte[] hash(int n) {
        byte[] bytes = new byte[InfoHash.BYTES];
        bytes[0] = (byte) n;
        bytes[19] = (byte) (n >> 8);
        return bytes;
    }

    private StoredTorrent row(int n) {
        return store.rows.get(InfoHash.of(hash(n)));
    }

    @Test
    void aFlushWritesOneMergedRowPerTorrentInOneBatch() {
        writer.record(hash(1), 0, T0 + 5);
        writer.record(hash(1), 1, T0 + 2);
        writer.record(hash(1), 1, T0 + 9);
        writer.record(hash(2), 0, T0 + 3);
        assertTrue(writer.flush());
        assertEquals(1, store.batches.get());
        assertEquals(new StoredTorrent(InfoHash.of(hash(1)), null, null, true, T0 + 2, T0 + 2, T0 + 9, 2), row(1));
        assertEquals(0, row(2).completed());
        assertTrue(writer.flush(), "nothing left is success");
        assertEquals(1, store.batches.get(), "an empty flush writes nothing");
    }

    @Test
    void whileTheDatabaseIsDownCountsAreKeptMergedAndWrittenOnceWhenItIsBack() {
        writer.record(hash(1), 1, T0);
        store.down = true;
        assertFalse(writer.flush());
        writer.record(hash(1), 2, T0 + 10);
        writer.record(hash(3), 1, T0 + 11);
        assertFalse(writer.flush());
        assertEquals(2, writer.unwrittenCount());
        assertTrue(store.rows.isEmpty());
        store.down = false;
        assertTrue(writer.flush());
        assertEquals(0, writer.unwrittenCount());
        assertEquals(3, row(1).completed());
        assertEquals(T0, row(1).firstSeenEpochSecond());
        assertEquals(T0 + 10, row(1).lastSeenEpochSecond());
        assertEquals(1, row(3).completed());
        assertTrue(writer.flush());
        assertEquals(3, row(1).completed(), "a later flush does not count again");
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.INFO
                && r.getMessage().contains("writable again: wrote the 2 torrents' counts")), messages());
    }

    @Test
    void anOutageIsLoggedOncePerIntervalNotOncePerFlush() {
        store.down = true;
        for (int i = 0; i < 10; i++) {
            writer.record(hash(i), 1, T0 + i);
            writer.flush();
        }
        assertEquals(1, warnings(), messages());
        assertTrue(logged.get(0).getMessage().startsWith("memory: connection refused (test outage); keeping 1 "
                + "torrents' counts in memory"), messages());
        clock.advanceSeconds(5);
        writer.flush();
        assertEquals(2, warnings(), messages());
        assertTrue(logged.get(1).getMessage().contains("keeping 10 torrents' counts")
                && logged.get(1).getMessage().contains("9 more like this"), messages());
    }

    @Test
    void closeWritesWhatIsLeftAndNamesWhatCouldNotBeWritten() {
        writer.record(hash(1), 1, T0);
        writer.close();
        assertEquals(1, row(1).completed());
        writer.record(hash(2), 1, T0);
        store.down = true;
        writer.close();
        assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains("stopping with 1 torrents' counts not "
                + "written to memory")), messages());
    }

    @Test
    void theDatabaseThreadFlushesOnItsOwn() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        store.onBatch(written::countDown);
        writer.record(hash(1), 1, T0);
        try (DatabaseThread thread = new DatabaseThread()) {
            thread.every(5, "write", writer::flush);
            assertTrue(written.await(10, TimeUnit.SECONDS), "no write within 10 s");
        }
        assertEquals(1, row(1).completed());
    }

    @Test
    void theRecordUnknownAnswerIsAskedAtEachWrite() {
        boolean[] open = {false};
        ActivityWriter asking = new ActivityWriter(store, new PendingActivity(1), () -> open[0], clock, 1000);
        asking.record(hash(1), 1, T0);
        asking.flush();
        assertEquals(null, row(1), "unknown hash dropped when not recording");
        open[0] = true;
        asking.record(hash(1), 1, T0);
        asking.flush();
        assertEquals(1, row(1).completed());
        assertEquals(List.of(false, true), store.recordUnknownSeen);
    }

    private long warnings() {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).count();
    }

    private String messages() {
        return logged.stream().map(LogRecord::getMessage).toList().toString();
    }
}
