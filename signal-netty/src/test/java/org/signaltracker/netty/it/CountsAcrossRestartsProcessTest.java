package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.netty.transport.TestTransport;

/**
 * Completed counts outlive the daemon: SIGTERM writes what is pending before the exit, so a scrape after a
 * restart on the same SQLite file shows them; after kill -9 at most the last write-behind interval is lost
 * and the file passes PRAGMA integrity_check.
 */
class CountsAcrossRestartsProcessTest {

    @TempDir
    Path dir;

    private Path config(Path file, int writeIntervalSeconds) throws Exception {
        Path config = dir.resolve("daemon.conf");
        Files.writeString(config, TestTransport.appendTo("server.bindAddress = 127.0.0.1\nserver.port = 0\n"
                + "server.shutdownGraceSeconds = 1\nadmin.port = 0\ndatabase.url = sqlite:" + file + "\n"
                + "database.writeIntervalSeconds = " + writeIntervalSeconds + "\n"));
        return config;
    }

    private static void complete(TestClient client, String hash, String peer) throws Exception {
        client.send(Wire.announce(hash, peer, "completed", 0));
        assertEquals("announce", client.next().get("action"));
    }

    @SuppressWarnings("unchecked")
    private static long downloaded(TestClient client, String hash) throws Exception {
        client.send(Wire.scrape(hash));
        Map<String, Object> files = (Map<String, Object>) client.next().get("files");
        return ((Number) ((Map<String, Object>) files.get(Wire.id(hash))).get("downloaded")).longValue();
    }

    private static long storedCompleted(Path file, String hash) throws Exception {
        try (TorrentStore store = DatabaseServer.open(file)) {
            return store.get(DatabaseServer.hash(hash)).map(StoredTorrent::completed).orElse(0L);
        }
    }

    @Test
    void sigtermWritesTheCountsAndAScrapeAfterTheRestartShowsThem() throws Exception {
        Path file = dir.resolve("state/t.db");
        // An hour between writes: only the write at shutdown can have stored the counts.
        Path config = config(file, 3600);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            try (TestClient client = TestClient.connect(daemon.uri())) {
                complete(client, "restart", "a");
                complete(client, "restart", "b");
                assertEquals(2, downloaded(client, "restart"));
            }
            daemon.terminate();
        }
        assertEquals(2, storedCompleted(file, "restart"), "SIGTERM wrote the pending counts");
        try (DaemonProcess daemon = DaemonProcess.start(config);
                TestClient client = TestClient.connect(daemon.uri())) {
            assertEquals(2, downloaded(client, "restart"), "a hash without a swarm scrapes its stored count");
            complete(client, "restart", "c");
            assertEquals(3, downloaded(client, "restart"), "a new swarm counts on from the stored count");
            daemon.terminate();
        }
        assertEquals(3, storedCompleted(file, "restart"));
    }

    @Test
    void killNineLosesAtMostTheLastIntervalAndLeavesTheFileSound() throws Exception {
        Path file = dir.resolve("state/k.db");
        Path config = config(file, 1);
        try (DaemonProcess daemon = DaemonProcess.start(config);
                TestClient client = TestClient.connect(daemon.uri())) {
            complete(client, "killed", "a");
            Await.until("the first completion is written behind", Duration.ofSeconds(20),
                    () -> readable(file, "killed") == 1);
            complete(client, "killed", "b");
            complete(client, "killed", "c");
            daemon.kill();
        }
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = sqlite.createStatement();
                ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
            assertTrue(check.next());
            assertEquals("ok", check.getString(1));
        }
        long kept = storedCompleted(file, "killed");
        assertTrue(kept >= 1 && kept <= 3, "written before the last interval survives: " + kept);
        try (DaemonProcess daemon = DaemonProcess.start(config);
                TestClient client = TestClient.connect(daemon.uri())) {
            assertEquals(kept, downloaded(client, "killed"));
            daemon.terminate();
        }
    }

    /** The stored count while the daemon runs (WAL lets a second connection read), or -1 on a busy file. */
    private static long readable(Path file, String hash) {
        try {
            return storedCompleted(file, hash);
        } catch (StoreException e) {
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
