package org.signaltracker.core.store;

import java.util.Objects;

/**
 * One page of a torrent listing: which rows, where the page starts and how long it is at most. Pages are
 * in info-hash order and start after a cursor (the last hash of the previous page), so a listing stays
 * consistent while rows are added or removed. Immutable.
 *
 * @param standing     which rows: all, only allowed or only denied
 * @param nameContains only rows whose name contains this text, ignoring case; empty for any name (rows
 *                     without a name included). SQLite folds only ASCII letters, PostgreSQL every letter, so
 *                     a search with accented capitals may differ between the two
 * @param after        the page starts after this hash; {@code null} for the first page
 * @param limit        rows per page at most, 1..{@link #MAX_LIMIT}
 */
public record TorrentQuery(Standing standing, String nameContains, InfoHash after, int limit) {

    public static final int MAX_LIMIT = 1000;

    /** Which standing a listed row has. */
    public enum Standing { ANY, ALLOWED, DENIED }

    public TorrentQuery {
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(nameContains, "nameContains");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1.." + MAX_LIMIT + ")");
        }
    }

    /** The first page of every row. */
    public static TorrentQuery firstPage(int limit) {
        return new TorrentQuery(Standing.ANY, "", null, limit);
    }

    /** The same query, starting after {@code cursor}. */
    public TorrentQuery after(InfoHash cursor) {
        return new TorrentQuery(standing, nameContains, cursor, limit);
    }
}
