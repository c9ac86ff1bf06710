package org.signaltracker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.StoreOpenException.Fault;

/**
 * A SQLite database on a file system with no space left cannot start: one {@link StoreOpenException} of
 * kind {@link Fault#DISK_FULL} whose message names the file and the full directory (Main prints it and
 * exits with status 2). The full file system is a real one: a small tmpfs filled to ENOSPC.
 */
class FullDiskAtStartTest {

    @TempDir
    Path dir;

    @Test
    void aNewDatabaseOnAFullFileSystemIsReportedAsDiskFull() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir, 256)) {
            fs.fill();
            Path file = fs.path().resolve("torrents.db");
            StoreOpenException e = assertThrows(StoreOpenException.class, () -> TorrentStores.open(
                    new DatabaseConfig("sqlite:torrents.db", "", "", 1, 1),
                    Map.of("STATE_DIRECTORY", fs.path().toString()), 0).close());
            System.out.println("full disk at start: " + e.getMessage());
            assertEquals(Fault.DISK_FULL, e.fault(), e.getMessage());
            assertTrue(e.getMessage().startsWith("database sqlite:" + file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("no space left on the file system holding " + fs.path()),
                    e.getMessage());
        }
    }
}
