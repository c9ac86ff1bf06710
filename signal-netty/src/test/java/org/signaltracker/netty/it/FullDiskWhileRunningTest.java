package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.store.ActivityWriter;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.store.SmallFileSystem;

/**
 * The file system holding the SQLite file fills up while the daemon runs: announces keep being answered
 * from memory, the writer warns once per interval (naming the full disk) and keeps the increments, and once
 * space is freed the stored counts converge to everything announced. The full disk is real: the database
 * lives on a small tmpfs that the test fills to ENOSPC, so each write fails with SQLITE_FULL when the WAL
 * has to grow.
 */
class FullDiskWhileRunningTest {

    private static final String[] HASHES = {"full-0", "full-1", "full-2", "full-3"};
    private static final long INTERVAL_MILLIS = 50;

    @TempDir
    Path dir;
    private int nextPeer;

    @Test
    void announcesAreServedWhileTheDiskIsFullAndCountsConvergeWhenSpaceIsFreed() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler collector = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger writerLog = Logger.getLogger(ActivityWriter.class.getName());
        writerLog.addHandler(collector);
        try (SmallFileSystem fs = SmallFileSystem.mount(dir, 1024);
                DatabaseServer server = new DatabaseServer(fs.path().resolve("full.db"), "open",
                        "limits.maxSwarmsPerConnection = 100000\nlimits.messagesPerSecond = 100000\n"
                        + "limits.messageBurst = 100000\n", INTERVAL_MILLIS);
                TestClient client = TestClient.connect(server.uri())) {
            completions(client, 10);
            Await.until("the first completions are written", Duration.ofSeconds(20),
                    () -> stored(server) == 10L * HASHES.length);

            fs.fill();
            long fullSince = System.nanoTime();
            completions(client, 100);
            Await.until("a write fails for want of space and its batch is kept", Duration.ofSeconds(20),
                    () -> server.torrents.writer().unwrittenCount() > 0);
            completions(client, 100);
            assertEquals(10L * HASHES.length, stored(server), "nothing more reaches the file while the disk is full");
            int warned = warnings.size();
            long fullMillis = (System.nanoTime() - fullSince) / 1_000_000;

            fs.free();
            long total = 210L * HASHES.length;
            Await.until(() -> stored(server) == total && server.torrents.writer().unwrittenCount() == 0,
                    Duration.ofSeconds(20), () -> "the kept counts are written once space is freed: stored "
                            + stored(server) + " of " + total);
            for (String hash : HASHES) {
                assertEquals(210, downloaded(client, hash), hash);
            }

            System.out.println("full disk while running: " + warned + " writer warnings over " + fullMillis
                    + " ms; first: " + (warned == 0 ? "none" : warnings.get(0).getMessage()));
            assertTrue(warned >= 1 && warned <= fullMillis / INTERVAL_MILLIS + 2,
                    warned + " warnings over " + fullMillis + " ms: expected one per interval at most");
            String first = warnings.get(0).getMessage();
            assertTrue(first.contains("SQLITE_FULL") && first.contains("keeping"), first);
        } finally {
            writerLog.removeHandler(collector);
        }
    }

    /** {@code perHash} completions by new peers in each hash; every announce must be answered. */
    private void completions(TestClient client, int perHash) throws Exception {
        for (int i = 0; i < perHash; i++) {
            for (String hash : HASHES) {
                client.send(Wire.announce(hash, "peer-" + nextPeer++, "completed", 0));
                Map<String, Object> answer = client.next();
                assertEquals("announce", answer.get("action"), answer.toString());
                assertEquals(null, answer.get("failure reason"), answer.toString());
            }
        }
    }

    /** Completed downloads stored over all hashes, read through the daemon's own store. */
    private static long stored(DatabaseServer server) {
        long sum = 0;
        for (String hash : HASHES) {
            try {
                sum += server.torrents.store().get(DatabaseServer.hash(hash)).map(StoredTorrent::completed).orElse(0L);
            } catch (StoreException e) {
                return -1;
            }
        }
        return sum;
    }

    @SuppressWarnings("unchecked")
    private static long downloaded(TestClient client, String hash) throws Exception {
        client.send(Wire.scrape(hash));
        Map<String, Object> files = (Map<String, Object>) client.next().get("files");
        return ((Number) ((Map<String, Object>) files.get(Wire.id(hash))).get("downloaded")).longValue();
    }
}
