package org.signaltracker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.TorrentStore;

/** How the factory reads the URL, the state directory and the password, and the SQLite file it makes. */
class TorrentStoresTest {

    @TempDir
    Path stateDirectory;

    @Test
    void theDefaultUrlIsOneFileInTheStateDirectoryOrInDataBesideTheCheckout() throws Exception {
        assertEquals(Path.of("data"), StateDirectory.resolve(Map.of()));
        assertEquals(Path.of("/var/lib/signal-tracker"),
                StateDirectory.resolve(Map.of("STATE_DIRECTORY", "/var/lib/signal-tracker:/var/lib/other")));
        DatabaseUrl url = DatabaseUrl.parse(DatabaseConfig.DEFAULT_URL, Path.of("/var/lib/signal-tracker"));
        assertEquals(Dialect.SQLITE, url.dialect());
        assertEquals(Path.of("/var/lib/signal-tracker/signal-tracker.db"), url.sqliteFile());
        assertEquals(Path.of("/srv/t.db"), DatabaseUrl.parse("jdbc:sqlite:/srv/t.db", Path.of("data")).sqliteFile());
    }

    @Test
    void aPostgresUrlIsShownWithoutItsParameters() throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://db.local:5433/tracker?sslmode=require", Path.of("data"));
        assertEquals(Dialect.POSTGRESQL, url.dialect());
        assertEquals("jdbc:postgresql://db.local:5433/tracker?sslmode=require", url.jdbcUrl());
        assertEquals("postgresql://db.local:5433/tracker", url.shown());
        assertEquals(url, DatabaseUrl.parse("jdbc:postgresql://db.local:5433/tracker?sslmode=require", Path.of("x")));
    }

    @Test
    void theConfigFilesPasswordWinsOverTheEnvironments() {
        Map<String, String> env = Map.of(DatabaseConfig.PASSWORD_ENV, "from-env");
        assertEquals("from-file", TorrentStores.password(new DatabaseConfig("", "", "from-file", 1, 1), env));
        assertEquals("from-env", TorrentStores.password(new DatabaseConfig("", "", "", 1, 1), env));
        assertEquals("", TorrentStores.password(new DatabaseConfig("", "", "", 1, 1), Map.of()));
    }

    @Test
    void anEmptyUrlHasNoStoreToOpen() {
        assertThrows(IllegalArgumentException.class,
                () -> TorrentStores.open(new DatabaseConfig("", "", "", 1, 1), Map.of(), 0));
    }

    @Test
    void sqliteCreatesTheDirectoryAndTheFileInWalMode() throws Exception {
        Path file = stateDirectory.resolve("new/dir/t.db");
        try (TorrentStore store = TorrentStores.open(new DatabaseConfig("sqlite:new/dir/t.db", "", "", 1, 1),
                Map.of("STATE_DIRECTORY", stateDirectory.toString()), 0)) {
            assertTrue(Files.isRegularFile(file));
            assertEquals("sqlite:" + file, store.description());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertEquals("wal", mode.getString(1));
        }
    }

    @Test
    void aStoreFailsCleanlyAfterItIsClosed() throws Exception {
        TorrentStore store = TorrentStores.open(new DatabaseConfig("sqlite:t.db", "", "", 1, 1),
                Map.of("STATE_DIRECTORY", stateDirectory.toString()), 0);
        store.close();
        StoreException e = assertThrows(StoreException.class, store::loadPolicy);
        assertTrue(e.getMessage().startsWith("sqlite:" + stateDirectory.resolve("t.db") + ": cannot load"),
                e.getMessage());
    }
}
