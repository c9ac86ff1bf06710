package org.signaltracker.core.store;

/**
 * The store could not be opened at start. The message is the one line the daemon prints before it exits
 * with status 2: it names the database and what to fix, and never holds a password.
 */
public final class StoreOpenException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** What kind of fault it is; tests and the operator's log tell them apart by it. */
    public enum Fault {
        /** The database URL or its settings cannot be used as written. */
        BAD_SETTING,
        /** The SQLite file exists but is not a database, or is damaged. */
        CORRUPT_FILE,
        /** The SQLite file (or its directory) cannot be opened or read. */
        UNREADABLE,
        /** The state directory or the file cannot be written. */
        READ_ONLY,
        /** The file system holding the SQLite file has no space left for it to grow or start. */
        DISK_FULL,
        /** PostgreSQL refused the user name or password. */
        AUTHENTICATION,
        /** PostgreSQL could not be reached, or the database does not exist. */
        UNREACHABLE,
        /** The schema was written by a newer version of the daemon. */
        SCHEMA_TOO_NEW,
        /** Anything else the database reported while opening or migrating. */
        FAILED
    }

    private final Fault fault;

    public StoreOpenException(Fault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    public StoreOpenException(Fault fault, String message) {
        super(message);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
