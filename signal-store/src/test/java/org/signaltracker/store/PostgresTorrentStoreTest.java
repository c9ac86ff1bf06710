package org.signaltracker.store;

import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.TorrentStore;

/**
 * The store contract on a real PostgreSQL server (one per run, see {@link PostgresServerExtension}); each
 * test gets its own empty schema. The password comes from the environment variable, as an operator
 * would pass it.
 */
@ExtendWith(PostgresServerExtension.class)
class PostgresTorrentStoreTest extends TorrentStoreContract {

    private PostgresServer server;
    private String schema;

    @BeforeEach
    @Override
    void openStore() {
        // The database is made in the next method, once the server is resolved.
    }

    @BeforeEach
    void createDatabase(PostgresServer server) throws Exception {
        this.server = server;
        this.schema = server.createSchema();
        store = open();
    }

    @Override
    TorrentStore open() throws StoreOpenException {
        DatabaseConfig config = new DatabaseConfig(server.url(schema), PostgresServer.USER, "", 2, 5);
        return TorrentStores.open(config, Map.of(DatabaseConfig.PASSWORD_ENV, server.password()), T0);
    }

    @Override
    Connection rawConnection() throws Exception {
        return server.connect(schema);
    }
}
