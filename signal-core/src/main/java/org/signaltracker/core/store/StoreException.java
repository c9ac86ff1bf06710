package org.signaltracker.core.store;

/**
 * A store operation that did not happen: the database is unreachable, full, locked for too long or
 * broken. The message says which database and what went wrong, and never holds a password. Callers that
 * keep working from memory (the write-behind writer) keep their data and retry.
 */
public class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
