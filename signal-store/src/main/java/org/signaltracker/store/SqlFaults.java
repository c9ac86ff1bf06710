package org.signaltracker.store;

import java.sql.SQLException;
import org.signaltracker.core.store.StoreOpenException.Fault;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Reads a driver's exception as a fault an operator can act on: which kind it is and a short reason. The
 * one place that knows SQLite result codes and PostgreSQL SQLSTATEs. Stateless.
 */
final class SqlFaults {

    private SqlFaults() {
    }

    static Fault classify(SQLException e) {
        if (e instanceof SchemaMigrator.TooNewException) {
            return Fault.SCHEMA_TOO_NEW;
        }
        if (e instanceof SQLiteException sqlite) {
            return classifySqlite(sqlite.getResultCode());
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return Fault.AUTHENTICATION; // 28000 invalid authorization, 28P01 invalid password
        }
        if (state.startsWith("08") || state.equals("3D000") || state.equals("57P03")) {
            return Fault.UNREACHABLE; // connection failures, no such database, server starting or stopping
        }
        return Fault.FAILED;
    }

    private static Fault classifySqlite(SQLiteErrorCode code) {
        // Extended result codes keep the primary code in their low byte.
        return switch (code.code & 0xFF) {
            case 11, 26 -> Fault.CORRUPT_FILE; // SQLITE_CORRUPT, SQLITE_NOTADB
            case 8 -> Fault.READ_ONLY;          // SQLITE_READONLY
            case 13 -> Fault.DISK_FULL;         // SQLITE_FULL: a write found no space left
            case 3, 10, 14, 23 -> Fault.UNREADABLE; // SQLITE_PERM, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_AUTH
            default -> Fault.FAILED;
        };
    }

    /** The driver's own words without its stack, e.g. "[SQLITE_FULL] database or disk is full". */
    static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message.strip();
    }
}
