package org.signaltracker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.StoreOpenException.Fault;

/**
 * Opens PostgreSQL: one plain connection first, which both proves the server, the user and the password
 * (so a fault is one clear message, not a pool's stack trace) and migrates the schema; then the pool the
 * store runs on. Stateless.
 */
final class PostgresOpener {

    /** A statement or read that hangs longer than this fails, so the writer retries instead of waiting forever. */
    static final int SOCKET_TIMEOUT_SECONDS = 60;

    private PostgresOpener() {
    }

    static JdbcTorrentStore open(DatabaseUrl url, DatabaseConfig config, String password, long nowEpochSecond)
            throws StoreOpenException {
        Properties properties = connectionProperties(config, password);
        try (Connection connection = new Driver().connect(url.jdbcUrl(), properties)) {
            if (connection == null) {
                throw new StoreOpenException(Fault.BAD_SETTING, "database " + url.shown()
                        + ": the PostgreSQL driver does not accept this URL");
            }
            connection.setAutoCommit(false);
            SchemaMigrator.migrate(new SingleUse(connection), Dialect.POSTGRESQL, Migrations.ALL, nowEpochSecond);
        } catch (SQLException e) {
            throw fault(url, config, e);
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("signal-tracker-db");
        pool.setJdbcUrl(url.jdbcUrl());
        pool.setDataSourceProperties(properties);
        pool.setAutoCommit(false);
        pool.setMaximumPoolSize(config.poolSize());
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(config.connectTimeoutSeconds() * 1000L);
        // The server was just proven reachable; if it goes away now, the pool reconnects when it is back
        // instead of failing the start.
        pool.setInitializationFailTimeout(-1);
        return new JdbcTorrentStore(new PooledConnections(new HikariDataSource(pool)), url.shown());
    }

    private static Properties connectionProperties(DatabaseConfig config, String password) {
        Properties properties = new Properties();
        if (!config.user().isEmpty()) {
            properties.setProperty("user", config.user());
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(config.connectTimeoutSeconds()));
        properties.setProperty("loginTimeout", Integer.toString(config.connectTimeoutSeconds()));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "signal-tracker");
        return properties;
    }

    private static StoreOpenException fault(DatabaseUrl url, DatabaseConfig config, SQLException e) {
        Fault fault = SqlFaults.classify(e);
        String advice = switch (fault) {
            case AUTHENTICATION -> "; check database.user and database.password (or "
                    + DatabaseConfig.PASSWORD_ENV + ")";
            case UNREACHABLE -> "; is PostgreSQL running, listening there and holding that database? (waited "
                    + config.connectTimeoutSeconds() + " s at most, database.connectTimeoutSeconds)";
            default -> "";
        };
        return new StoreOpenException(fault, "database " + url.shown() + ": " + SqlFaults.reason(e) + advice, e);
    }

    /** The opening connection as a source of exactly one transaction, for the migration. */
    private record SingleUse(Connection connection) implements ConnectionSource {

        @Override
        public <T> T read(SqlWork<T> work) throws SQLException {
            return write(work);
        }

        @Override
        public <T> T write(SqlWork<T> work) throws SQLException {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }

        @Override
        public void close() {
            // The opener closes the connection.
        }
    }
}
