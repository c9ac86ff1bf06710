package org.signaltracker.store;

import java.util.List;

/**
 * One step of the schema, written once per database with the same meaning. Versions start at 1 and are
 * never edited once released: a change is a new step. Immutable.
 *
 * @param version     position in the sequence, recorded in {@code schema_version}
 * @param description what the step does, recorded beside its version
 * @param sqlite      the statements for SQLite
 * @param postgresql  the statements for PostgreSQL
 */
record Migration(int version, String description, List<String> sqlite, List<String> postgresql) {

    List<String> statements(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqlite : postgresql;
    }
}
