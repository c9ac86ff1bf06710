package org.signaltracker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database up to the newest schema at start: reads the highest version in {@code schema_version},
 * applies each newer {@link Migration} and records it, all in one transaction, so a failed step leaves the
 * schema as it was. Two daemons starting at once against one PostgreSQL database queue on a table lock; on
 * SQLite the write transaction's file lock does the same. Stateless.
 */
final class SchemaMigrator {

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
              version     INTEGER NOT NULL PRIMARY KEY,
              description TEXT    NOT NULL,
              applied_at  BIGINT  NOT NULL
            )""";

    /** What a database's schema says when it is newer than the code. */
    static final class TooNewException extends SQLException {

        private static final long serialVersionUID = 1L;

        TooNewException(int found, int known) {
            super("schema version " + found + " is newer than this daemon knows (" + known
                    + "); run the newer version of signal-tracker that wrote it");
        }
    }

    private SchemaMigrator() {
    }

    /**
     * Applies the missing steps.
     *
     * @return the number of steps applied (0 when the schema was current)
     */
    static int migrate(ConnectionSource source, Dialect dialect, List<Migration> migrations, long nowEpochSecond)
            throws SQLException {
        return source.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_VERSION_TABLE);
                if (dialect == Dialect.POSTGRESQL) {
                    statement.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
                }
            }
            int current = currentVersion(connection);
            int known = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
            if (current > known) {
                throw new TooNewException(current, known);
            }
            int applied = 0;
            for (Migration migration : migrations) {
                if (migration.version() > current) {
                    apply(connection, dialect, migration, nowEpochSecond);
                    applied++;
                }
            }
            return applied;
        });
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, Dialect dialect, Migration migration, long now)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements(dialect)) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setLong(3, now);
            insert.executeUpdate();
        }
    }
}
