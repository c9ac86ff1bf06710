package org.signaltracker.store;

/** The two databases the store runs on. Only the schema's column types differ between them. */
enum Dialect {
    SQLITE("SQLite"),
    POSTGRESQL("PostgreSQL");

    final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }
}
