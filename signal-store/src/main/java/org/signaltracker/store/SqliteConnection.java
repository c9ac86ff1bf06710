package org.signaltracker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite adapter's one connection. SQLite lets one writer at a time change a file, so a pool would
 * only queue on the file lock; callers queue on this lock instead. Writes begin IMMEDIATE, taking the file's
 * write lock up front (waiting up to the busy timeout for another process such as the command-line tool),
 * so a transaction never fails half-way for a lock it could have waited for. Thread-safe.
 */
final class SqliteConnection implements ConnectionSource {

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    SqliteConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> T read(SqlWork<T> work) throws SQLException {
        return inTransaction("BEGIN DEFERRED", work);
    }

    @Override
    public <T> T write(SqlWork<T> work) throws SQLException {
        return inTransaction("BEGIN IMMEDIATE", work);
    }

    private <T> T inTransaction(String begin, SqlWork<T> work) throws SQLException {
        lock.lock();
        try (Statement statement = connection.createStatement()) {
            // The connection stays in auto-commit mode between transactions, so it holds no lock while idle;
            // each transaction is bracketed by hand.
            statement.execute(begin);
            try {
                T result = work.run(connection);
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                // Also after a failed COMMIT (a full disk): a transaction left open would make every later
                // BEGIN fail.
                rollbackQuietly(statement, e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private static void rollbackQuietly(Statement statement, Exception cause) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing only releases the file; an error here leaves nothing to undo.
        } finally {
            lock.unlock();
        }
    }
}
