package org.signaltracker.store;

import java.nio.file.Path;
import java.util.Locale;
import org.signaltracker.core.store.StoreOpenException;

/**
 * {@code database.url} read: which database, and the JDBC URL or file it names. The config already refused
 * URLs carrying a password, so {@link #shown} may go into any log line. Immutable.
 *
 * @param dialect    which adapter
 * @param jdbcUrl    what the driver opens
 * @param sqliteFile the file, for SQLite; {@code null} for PostgreSQL
 * @param shown      how log lines and messages name it
 */
record DatabaseUrl(Dialect dialect, String jdbcUrl, Path sqliteFile, String shown) {

    /**
     * Reads {@code url}; a relative SQLite path lies under {@code stateDirectory}.
     *
     * @throws StoreOpenException with {@link StoreOpenException.Fault#BAD_SETTING} for any other form
     */
    static DatabaseUrl parse(String url, Path stateDirectory) throws StoreOpenException {
        String rest = url.regionMatches(true, 0, "jdbc:", 0, 5) ? url.substring(5) : url;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") && rest.length() > "sqlite:".length()) {
            Path file = stateDirectory.resolve(rest.substring("sqlite:".length())).toAbsolutePath().normalize();
            return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite:" + file, file, "sqlite:" + file);
        }
        if (lower.startsWith("postgresql://")) {
            int query = rest.indexOf('?');
            String shown = query < 0 ? rest : rest.substring(0, query);
            return new DatabaseUrl(Dialect.POSTGRESQL, "jdbc:" + rest, null, shown);
        }
        throw new StoreOpenException(StoreOpenException.Fault.BAD_SETTING, "database.url: " + url
                + " (expected: sqlite:PATH or postgresql://HOST[:PORT]/DATABASE)");
    }
}
