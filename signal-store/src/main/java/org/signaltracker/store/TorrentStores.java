package org.signaltracker.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.TorrentStore;

/**
 * Opens the store {@code database.url} names, with its schema migrated: the one entry point of this module.
 * Stateless.
 */
public final class TorrentStores {

    private TorrentStores() {
    }

    /**
     * Opens the configured store with the process's environment ({@code STATE_DIRECTORY}, the password
     * variable).
     */
    public static TorrentStore open(DatabaseConfig config) throws StoreOpenException {
        return open(config, System.getenv(), System.currentTimeMillis() / 1000);
    }

    /**
     * Opens the configured store.
     *
     * @param environment where {@code STATE_DIRECTORY} and {@value DatabaseConfig#PASSWORD_ENV} are read
     * @throws StoreOpenException when the database cannot be used; its message is the line to print before
     *                            exiting with status 2
     * @throws IllegalArgumentException when {@code database.url} is empty: there is no store to open
     */
    public static TorrentStore open(DatabaseConfig config, Map<String, String> environment, long nowEpochSecond)
            throws StoreOpenException {
        if (!config.enabled()) {
            throw new IllegalArgumentException("database.url is empty: no database to open");
        }
        DatabaseUrl url = DatabaseUrl.parse(config.url(), StateDirectory.resolve(environment));
        if (url.dialect() == Dialect.SQLITE) {
            return SqliteOpener.open(url, nowEpochSecond);
        }
        return PostgresOpener.open(url, config, password(config, environment), nowEpochSecond);
    }

    /**
     * The file a SQLite {@code database.url} names, resolved as {@link #open} would (a relative path under the
     * state directory), so a tool can tell an existing database from one it would create; empty for
     * PostgreSQL or no database.
     *
     * @throws StoreOpenException when the URL has no form this module knows
     */
    public static Optional<Path> sqliteFile(DatabaseConfig config, Map<String, String> environment)
            throws StoreOpenException {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(DatabaseUrl.parse(config.url(), StateDirectory.resolve(environment)).sqliteFile());
    }

    /** The config file's password if it has one, else the environment's, else none. */
    static String password(DatabaseConfig config, Map<String, String> environment) {
        if (!config.password().isEmpty()) {
            return config.password();
        }
        String fromEnvironment = environment.get(DatabaseConfig.PASSWORD_ENV);
        return fromEnvironment == null ? "" : fromEnvironment;
    }
}
