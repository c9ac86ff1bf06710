package org.signaltracker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.StoreOpenException.Fault;
import org.signaltracker.core.store.TorrentStore;

/**
 * Each way the database can be unusable at start gives one {@link StoreOpenException} of its own kind whose
 * message names the database and what to fix, and never the password.
 */
@ExtendWith(PostgresServerExtension.class)
class StoreOpenFaultsTest {

    @TempDir
    Path stateDirectory;

    private StoreOpenException openSqlite(String file) {
        return assertThrows(StoreOpenException.class, () -> TorrentStores.open(
                new DatabaseConfig("sqlite:" + file, "", "", 1, 1), Map.of("STATE_DIRECTORY", stateDirectory.toString()),
                0).close());
    }

    @Test
    void aFileThatIsNotASqliteDatabaseIsReportedAsCorrupt() throws Exception {
        byte[] garbage = new byte[8192];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(stateDirectory.resolve("torrents.db"), garbage);
        StoreOpenException e = openSqlite("torrents.db");
        assertEquals(Fault.CORRUPT_FILE, e.fault(), e.getMessage());
        assertTrue(e.getMessage().startsWith("database sqlite:" + stateDirectory.resolve("torrents.db")),
                e.getMessage());
        assertTrue(e.getMessage().contains("restore it from a backup"), e.getMessage());
    }

    @Test
    void aDatabaseFileWhoseTablesAreDamagedIsReportedAsCorrupt() throws Exception {
        Path file = stateDirectory.resolve("torrents.db");
        try (TorrentStore store = TorrentStores.open(new DatabaseConfig("sqlite:torrents.db", "", "", 1, 1),
                Map.of("STATE_DIRECTORY", stateDirectory.toString()), 0)) {
            store.setAllowed(TorrentStoreContract.hash(1, 1), true, 0);
        }
        // Keep SQLite's 100-byte header (so the file still claims to be a database) and overwrite the
        // schema page after it.
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 100; i < Math.min(bytes.length, 4096); i++) {
            bytes[i] = (byte) 0xA5;
        }
        Files.write(file, bytes);
        StoreOpenException e = openSqlite("torrents.db");
        assertEquals(Fault.CORRUPT_FILE, e.fault(), e.getMessage());
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsReportedAsUnreadable() throws Exception {
        Files.createDirectory(stateDirectory.resolve("torrents.db"));
        StoreOpenException e = openSqlite("torrents.db");
        assertEquals(Fault.UNREADABLE, e.fault(), e.getMessage());
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void aFileTheDaemonsUserCannotReadIsReportedAsUnreadable() throws Exception {
        Path file = stateDirectory.resolve("torrents.db");
        Files.write(file, new byte[0]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        skipWithReasonIf(Files.isReadable(file), "running as root, which reads a file of mode 000 anyway; "
                + "the directory-in-place-of-the-file test covers the unreadable path");
        StoreOpenException e = openSqlite("torrents.db");
        assertEquals(Fault.UNREADABLE, e.fault(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read the file"), e.getMessage());
    }

    @Test
    void aReadOnlyStateDirectoryIsReportedBeforeSqliteTriesToWrite() throws Exception {
        Path directory = Files.createDirectory(stateDirectory.resolve("state"));
        boolean immutable = makeReadOnly(directory);
        try {
            StoreOpenException e = openSqlite("state/torrents.db");
            assertEquals(Fault.READ_ONLY, e.fault(), e.getMessage());
            assertTrue(e.getMessage().contains("the directory " + directory + " is not writable"), e.getMessage());
            StoreOpenException below = openSqlite("state/below/torrents.db");
            assertEquals(Fault.READ_ONLY, below.fault(), below.getMessage());
            assertTrue(below.getMessage().contains("cannot create the directory"), below.getMessage());
        } finally {
            if (immutable) {
                command("chattr", "-i", directory.toString());
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Root ignores a directory's mode, so as root the directory is made immutable instead, which even
     * root cannot create files in.
     */
    private static boolean makeReadOnly(Path directory) throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(directory)) {
            return false;
        }
        boolean immutable = command("chattr", "+i", directory.toString());
        skipWithReasonIf(!immutable || Files.isWritable(directory),
                "running as root on a file system where chattr +i does not work, so no directory is read-only");
        return true;
    }

    @Test
    void aWrongPostgresPasswordIsReportedWithoutShowingIt(PostgresServer server) {
        String wrong = "not-the-password-" + System.nanoTime();
        StoreOpenException e = assertThrows(StoreOpenException.class, () -> TorrentStores.open(
                new DatabaseConfig(server.url("public"), PostgresServer.USER, wrong, 1, 5), Map.of(), 0).close());
        assertEquals(Fault.AUTHENTICATION, e.fault(), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertTrue(e.getMessage().contains("check database.user and database.password"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(e.getMessage().contains(server.password()), e.getMessage());
    }

    @Test
    void theEnvironmentsPasswordIsUsedWhenTheConfigHasNone(PostgresServer server) throws Exception {
        DatabaseConfig config = new DatabaseConfig(server.url(server.createSchema()), PostgresServer.USER, "", 1, 5);
        assertThrows(StoreOpenException.class, () -> TorrentStores.open(config, Map.of(), 0).close());
        try (TorrentStore store = TorrentStores.open(config,
                Map.of(DatabaseConfig.PASSWORD_ENV, server.password()), 0)) {
            assertEquals(0, store.loadPolicy().size());
        }
    }

    @Test
    void anUnreachablePostgresIsReportedAtOnce() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long started = System.nanoTime();
        StoreOpenException e = assertThrows(StoreOpenException.class, () -> TorrentStores.open(
                new DatabaseConfig("postgresql://127.0.0.1:" + port + "/tracker", "u", "secret-pw", 1, 5), Map.of(),
                0).close());
        assertEquals(Fault.UNREACHABLE, e.fault(), e.getMessage());
        assertTrue(e.getMessage().startsWith("database postgresql://127.0.0.1:" + port + "/tracker: "), e.getMessage());
        assertTrue(e.getMessage().contains("is PostgreSQL running"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pw"), e.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "a refused connection took too long");
    }

    @Test
    void aMissingPostgresDatabaseIsReportedAsUnreachable(PostgresServer server) {
        StoreOpenException e = assertThrows(StoreOpenException.class, () -> TorrentStores.open(
                new DatabaseConfig("postgresql://127.0.0.1:" + server.port() + "/no_such_db", PostgresServer.USER,
                        server.password(), 1, 5), Map.of(), 0).close());
        assertEquals(Fault.UNREACHABLE, e.fault(), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_db"), e.getMessage());
    }

    @Test
    void anUnknownUrlFormIsABadSetting() {
        StoreOpenException e = assertThrows(StoreOpenException.class, () -> TorrentStores.open(
                new DatabaseConfig("mysql://127.0.0.1/db", "", "", 1, 1), Map.of(), 0).close());
        assertEquals(Fault.BAD_SETTING, e.fault());
        assertEquals("database.url: mysql://127.0.0.1/db (expected: sqlite:PATH or postgresql://HOST[:PORT]/DATABASE)",
                e.getMessage());
    }

    private static void skipWithReasonIf(boolean condition, String reason) {
        if (condition) {
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    private static boolean command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
