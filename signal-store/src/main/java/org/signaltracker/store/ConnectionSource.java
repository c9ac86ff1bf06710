package org.signaltracker.store;

import java.sql.SQLException;

/**
 * Where the store gets a connection and how it brackets a transaction; the one thing that differs between
 * an embedded file and a server. Thread-safe.
 */
interface ConnectionSource extends AutoCloseable {

    /** Runs {@code work} in one transaction that only reads: a consistent view of the data. */
    <T> T read(SqlWork<T> work) throws SQLException;

    /** Runs {@code work} in one transaction that writes: committed whole, or rolled back whole if it throws. */
    <T> T write(SqlWork<T> work) throws SQLException;

    @Override
    void close();
}
