package org.signaltracker.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The PostgreSQL adapter's connections: a HikariCP pool whose connections are not in auto-commit mode, so
 * each piece of work is one transaction. Thread-safe.
 */
final class PooledConnections implements ConnectionSource {

    private final HikariDataSource pool;

    PooledConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public <T> T read(SqlWork<T> work) throws SQLException {
        return write(work);
    }

    @Override
    public <T> T write(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
