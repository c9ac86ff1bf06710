package org.signaltracker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PolicyEntry;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentActivity;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentPage;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentStore;

/**
 * {@link TorrentStore} in SQL that SQLite and PostgreSQL both run as written: every value is a bound
 * parameter and info hashes are bytes. Thread-safe as its {@link ConnectionSource} is.
 */
final class JdbcTorrentStore implements TorrentStore {

    private static final String COLUMNS =
            "info_hash, name, comment, allowed, added_at, first_seen, last_seen, completed";
    private static final String UPDATE_ENTRY =
            "UPDATE torrent SET name = ?, comment = ?, allowed = ? WHERE info_hash = ?";
    private static final String UPDATE_STANDING = "UPDATE torrent SET allowed = ? WHERE info_hash = ?";
    private static final String INSERT_ENTRY = "INSERT INTO torrent (info_hash, name, comment, allowed, added_at) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (info_hash) DO NOTHING";
    // The earlier first-seen and the later last-seen win, so deltas may be applied in any order.
    private static final String SEEN_SPAN = """
            first_seen = CASE WHEN torrent.first_seen IS NULL OR torrent.first_seen > ? THEN ? \
            ELSE torrent.first_seen END, \
            last_seen = CASE WHEN torrent.last_seen IS NULL OR torrent.last_seen < ? THEN ? \
            ELSE torrent.last_seen END""";
    private static final String ADD_ACTIVITY =
            "UPDATE torrent SET completed = torrent.completed + ?, " + SEEN_SPAN + " WHERE info_hash = ?";
    private static final String RECORD_ACTIVITY = "INSERT INTO torrent (info_hash, allowed, added_at, first_seen, "
            + "last_seen, completed) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (info_hash) DO UPDATE SET "
            + "completed = torrent.completed + ?, " + SEEN_SPAN;

    private final ConnectionSource source;
    private final String description;

    JdbcTorrentStore(ConnectionSource source, String description) {
        this.source = source;
        this.description = description;
    }

    @Override
    public List<PolicyEntry> loadPolicy() throws StoreException {
        return call("load the torrent list", connection -> {
            List<PolicyEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT info_hash, allowed, completed FROM torrent")) {
                // PostgreSQL streams the rows in chunks only with a fetch size (and outside auto-commit).
                select.setFetchSize(10_000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new PolicyEntry(InfoHash.of(rows.getBytes(1)), rows.getBoolean(2),
                                rows.getLong(3)));
                    }
                }
            }
            return entries;
        }, false);
    }

    @Override
    public boolean put(TorrentEntry entry, long nowEpochSecond) throws StoreException {
        byte[] hash = entry.infoHash().toBytes();
        return call("store torrent " + entry.infoHash(), connection -> {
            // Update first, insert if absent, update again if another writer inserted in between: the
            // answer "created" is then exact on both databases without a database-specific RETURNING.
            if (updateEntry(connection, entry, hash) == 1) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
                insert.setBytes(1, hash);
                setText(insert, 2, entry.name());
                setText(insert, 3, entry.comment());
                insert.setBoolean(4, entry.allowed());
                insert.setLong(5, nowEpochSecond);
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            updateEntry(connection, entry, hash);
            return false;
        }, true);
    }

    private static int updateEntry(Connection connection, TorrentEntry entry, byte[] hash) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_ENTRY)) {
            setText(update, 1, entry.name());
            setText(update, 2, entry.comment());
            update.setBoolean(3, entry.allowed());
            update.setBytes(4, hash);
            return update.executeUpdate();
        }
    }

    @Override
    public boolean setAllowed(InfoHash infoHash, boolean allowed, long nowEpochSecond) throws StoreException {
        byte[] hash = infoHash.toBytes();
        return call((allowed ? "allow " : "deny ") + infoHash, connection -> {
            if (updateStanding(connection, hash, allowed) == 1) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
                insert.setBytes(1, hash);
                setText(insert, 2, null);
                setText(insert, 3, null);
                insert.setBoolean(4, allowed);
                insert.setLong(5, nowEpochSecond);
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            updateStanding(connection, hash, allowed);
            return false;
        }, true);
    }

    private static int updateStanding(Connection connection, byte[] hash, boolean allowed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_STANDING)) {
            update.setBoolean(1, allowed);
            update.setBytes(2, hash);
            return update.executeUpdate();
        }
    }

    @Override
    public boolean remove(InfoHash infoHash) throws StoreException {
        byte[] hash = infoHash.toBytes();
        return call("remove " + infoHash, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM torrent WHERE info_hash = ?")) {
                delete.setBytes(1, hash);
                return delete.executeUpdate() == 1;
            }
        }, true);
    }

    @Override
    public Optional<StoredTorrent> get(InfoHash infoHash) throws StoreException {
        byte[] hash = infoHash.toBytes();
        return call("read " + infoHash, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM torrent WHERE info_hash = ?")) {
                select.setBytes(1, hash);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(torrent(rows)) : Optional.<StoredTorrent>empty();
                }
            }
        }, false);
    }

    @Override
    public TorrentPage list(TorrentQuery query) throws StoreException {
        // The statement is assembled from fixed fragments only; every value the caller gave is bound.
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM torrent WHERE 1 = 1");
        if (query.after() != null) {
            sql.append(" AND info_hash > ?");
        }
        if (query.standing() != TorrentQuery.Standing.ANY) {
            sql.append(" AND allowed = ?");
        }
        if (!query.nameContains().isEmpty()) {
            sql.append(" AND LOWER(name) LIKE ? ESCAPE '\\'");
        }
        sql.append(" ORDER BY info_hash LIMIT ?");
        return call("list torrents", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int at = 1;
                if (query.after() != null) {
                    select.setBytes(at++, query.after().toBytes());
                }
                if (query.standing() != TorrentQuery.Standing.ANY) {
                    select.setBoolean(at++, query.standing() == TorrentQuery.Standing.ALLOWED);
                }
                if (!query.nameContains().isEmpty()) {
                    select.setString(at++, "%" + likeEscaped(query.nameContains().toLowerCase(Locale.ROOT)) + "%");
                }
                // One row more than the page tells whether another page follows.
                select.setInt(at, query.limit() + 1);
                List<StoredTorrent> page = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(torrent(rows));
                    }
                }
                if (page.size() <= query.limit()) {
                    return new TorrentPage(page, null);
                }
                List<StoredTorrent> shown = page.subList(0, query.limit());
                return new TorrentPage(shown, shown.get(shown.size() - 1).infoHash());
            }
        }, false);
    }

    @Override
    public int applyActivity(Collection<TorrentActivity> batch, boolean recordUnknown) throws StoreException {
        if (batch.isEmpty()) {
            return 0;
        }
        return call("write " + batch.size() + " torrents' counts", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    recordUnknown ? RECORD_ACTIVITY : ADD_ACTIVITY)) {
                for (TorrentActivity activity : batch) {
                    if (recordUnknown) {
                        bindRecord(statement, activity);
                    } else {
                        bindAdd(statement, activity);
                    }
                    statement.addBatch();
                }
                int changed = 0;
                for (int count : statement.executeBatch()) {
                    // A driver may answer SUCCESS_NO_INFO (-2) for a row it did change.
                    changed += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
                }
                return changed;
            }
        }, true);
    }

    private static void bindAdd(PreparedStatement statement, TorrentActivity activity) throws SQLException {
        statement.setLong(1, activity.completedIncrement());
        bindSpan(statement, 2, activity);
        statement.setBytes(6, activity.infoHash().toBytes());
    }

    private static void bindRecord(PreparedStatement statement, TorrentActivity activity) throws SQLException {
        statement.setBytes(1, activity.infoHash().toBytes());
        statement.setBoolean(2, true);
        statement.setLong(3, activity.firstSeenEpochSecond());
        statement.setLong(4, activity.firstSeenEpochSecond());
        statement.setLong(5, activity.lastSeenEpochSecond());
        statement.setLong(6, activity.completedIncrement());
        statement.setLong(7, activity.completedIncrement());
        bindSpan(statement, 8, activity);
    }

    private static void bindSpan(PreparedStatement statement, int at, TorrentActivity activity) throws SQLException {
        statement.setLong(at, activity.firstSeenEpochSecond());
        statement.setLong(at + 1, activity.firstSeenEpochSecond());
        statement.setLong(at + 2, activity.lastSeenEpochSecond());
        statement.setLong(at + 3, activity.lastSeenEpochSecond());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        source.close();
    }

    private <T> T call(String what, SqlWork<T> work, boolean writes) throws StoreException {
        try {
            return writes ? source.write(work) : source.read(work);
        } catch (SQLException e) {
            throw new StoreException(description + ": cannot " + what + ": " + SqlFaults.reason(e), e);
        }
    }

    private static StoredTorrent torrent(ResultSet rows) throws SQLException {
        return new StoredTorrent(InfoHash.of(rows.getBytes(1)), rows.getString(2), rows.getString(3),
                rows.getBoolean(4), rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8));
    }

    private static void setText(PreparedStatement statement, int at, String value) throws SQLException {
        if (value == null) {
            statement.setNull(at, Types.VARCHAR);
        } else {
            statement.setString(at, value);
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
