package org.signaltracker.store;

import java.util.List;

/**
 * The schema's history, oldest first: the README's "Info-hash database" section documents what it builds.
 * Times are whole seconds since the Unix epoch in a 64-bit integer on both databases; NULL first/last-seen
 * means no announce was recorded. Stateless.
 */
final class Migrations {

    static final List<Migration> ALL = List.of(
            new Migration(1, "torrent table: info hash, name, comment, standing, times, completed count",
                    List.of("""
                            CREATE TABLE torrent (
                              info_hash  BLOB    NOT NULL PRIMARY KEY CHECK (length(info_hash) = 20),
                              name       TEXT,
                              comment    TEXT,
                              allowed    INTEGER NOT NULL CHECK (allowed IN (0, 1)),
                              added_at   INTEGER NOT NULL,
                              first_seen INTEGER,
                              last_seen  INTEGER,
                              completed  INTEGER NOT NULL DEFAULT 0 CHECK (completed >= 0)
                            ) WITHOUT ROWID"""),
                    List.of("""
                            CREATE TABLE torrent (
                              info_hash  BYTEA   NOT NULL PRIMARY KEY CHECK (octet_length(info_hash) = 20),
                              name       TEXT,
                              comment    TEXT,
                              allowed    BOOLEAN NOT NULL,
                              added_at   BIGINT  NOT NULL,
                              first_seen BIGINT,
                              last_seen  BIGINT,
                              completed  BIGINT  NOT NULL DEFAULT 0 CHECK (completed >= 0)
                            )""")));

    private Migrations() {
    }

    static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }
}
