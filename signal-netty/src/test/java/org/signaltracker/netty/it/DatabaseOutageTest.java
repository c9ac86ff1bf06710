package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.store.ActivityWriter;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;

/**
 * The database becomes unwritable under load and comes back: announces keep being answered at once (the
 * writer is behind them, on its own thread), the writer warns once per interval and keeps the increments,
 * and once the file is writable again the stored counts converge to what was announced. The outage is real:
 * {@code chattr +i} on the SQLite file and its WAL makes every write fail with an I/O error (the -shm file is
 * left alone: it is memory-mapped, and an immutable mapping would crash the process instead).
 */
class DatabaseOutageTest {

    private static final String[] HASHES = {"outage-0", "outage-1", "outage-2", "outage-3"};
    private static final int CLIENTS = 4;
    private static final long INTERVAL_MILLIS = 50;

    @TempDir
    Path dir;
    private int nextPeer;

    @Test
    void announcesNeverWaitOnAnUnwritableDatabaseAndCountsConvergeWhenItIsBack() throws Exception {
        Path file = dir.resolve("outage.db");
        Path wal = dir.resolve("outage.db-wal");
        AtomicInteger warnings = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.incrementAndGet();
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
        writerLog.addHandler(counter);
        TestClient[] clients = new TestClient[CLIENTS];
        try (DatabaseServer server = new DatabaseServer(file, "open", "limits.maxSwarmsPerConnection = 100000\n"
                + "limits.messagesPerSecond = 100000\nlimits.messageBurst = 100000\n", INTERVAL_MILLIS)) {
            for (int i = 0; i < CLIENTS; i++) {
                clients[i] = TestClient.connect(server.uri());
            }
            completions(clients, 40);
            Await.until("the first completions are written", Duration.ofSeconds(20), () -> stored(server) == 40L * HASHES.length);

            boolean unwritable = Chattr.set("+i", file, wal);
            Assumptions.assumeTrue(unwritable, "chattr +i does not work here (not root, or a file system without "
                    + "the immutable flag), so the database cannot be made unwritable");
            long outageStarted = System.nanoTime();
            long[] during;
            try {
                long[] first = completions(clients, 200);
                Await.until("a write fails and its batch is kept", Duration.ofSeconds(20),
                        () -> server.torrents.writer().unwrittenCount() > 0);
                long[] more = completions(clients, 200);
                during = concat(first, more);
                assertEquals(40L * HASHES.length, stored(server), "nothing reaches the file while it is immutable");
            } finally {
                Chattr.set("-i", file, wal);
            }
            long outageMillis = (System.nanoTime() - outageStarted) / 1_000_000;
            long total = 440L * HASHES.length;
            Await.until(() -> stored(server) == total && server.torrents.writer().unwrittenCount() == 0,
                    Duration.ofSeconds(20), () -> "the kept counts are written once the file is back: stored "
                            + stored(server) + " of " + total);
            for (String hash : HASHES) {
                assertEquals(440, downloaded(clients[0], hash), hash);
            }

            Arrays.sort(during);
            long p99Millis = during[during.length * 99 / 100] / 1_000_000;
            long maxMillis = during[during.length - 1] / 1_000_000;
            System.out.println("database outage: " + during.length + " announces in " + outageMillis + " ms, round trip p50 "
                    + during[during.length / 2] / 1000 + " us, p99 " + p99Millis + " ms, max " + maxMillis + " ms; "
                    + warnings.get() + " writer warnings");
            assertTrue(p99Millis < 250, "announce round trips during the outage: p99 " + p99Millis + " ms, max "
                    + maxMillis + " ms");
            // One warning per interval at most (the throttle), and at least one.
            long intervals = outageMillis / INTERVAL_MILLIS + 2;
            assertTrue(warnings.get() >= 1 && warnings.get() <= intervals,
                    warnings.get() + " warnings over " + outageMillis + " ms");
        } finally {
            writerLog.removeHandler(counter);
            for (TestClient client : clients) {
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    /**
     * {@code perHash} completions by new peers in each hash, spread over the clients; returns each round trip
     * (send to answer) in nanoseconds.
     */
    private long[] completions(TestClient[] clients, int perHash) throws Exception {
        long[] roundTrips = new long[perHash * HASHES.length];
        int n = 0;
        for (int i = 0; i < perHash; i++) {
            for (String hash : HASHES) {
                TestClient client = clients[n % clients.length];
                long started = System.nanoTime();
                client.send(Wire.announce(hash, "peer-" + nextPeer++, "completed", 0));
                Map<String, Object> answer = client.next();
                roundTrips[n++] = System.nanoTime() - started;
                assertEquals("announce", answer.get("action"), answer.toString());
            }
        }
        return roundTrips;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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

    /** Runs chattr; false when it is missing or refuses (not root, or a file system without the flag). */
    private static final class Chattr {
        static boolean set(String flag, Path... files) throws Exception {
            String[] command = new String[files.length + 2];
            command[0] = "chattr";
            command[1] = flag;
            for (int i = 0; i < files.length; i++) {
                command[i + 2] = files[i].toString();
            }
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor() == 0;
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
