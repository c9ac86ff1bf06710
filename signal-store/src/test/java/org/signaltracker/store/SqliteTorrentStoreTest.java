package org.signaltracker.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.TorrentStore;

/** The store contract on SQLite, in a file under a temporary state directory. */
class SqliteTorrentStoreTest extends TorrentStoreContract {

    @TempDir
    Path stateDirectory;

    @Override
    TorrentStore open() throws StoreOpenException {
        DatabaseConfig config = new DatabaseConfig("sqlite:torrents.db", "", "", 1, 1);
        return TorrentStores.open(config, Map.of("STATE_DIRECTORY", stateDirectory.toString()), T0);
    }

    @Override
    Connection rawConnection() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + stateDirectory.resolve("torrents.db"));
    }
}
