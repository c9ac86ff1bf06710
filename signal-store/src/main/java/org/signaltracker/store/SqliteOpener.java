package org.signaltracker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.StoreOpenException.Fault;
import org.sqlite.SQLiteConfig;

/**
 * Opens the SQLite file: creates the state directory if needed, checks what the operator can fix before
 * SQLite gives a vaguer error, opens one connection in WAL mode and migrates the schema. Stateless.
 */
final class SqliteOpener {

    /** How long a write waits for another process (the command-line tool) holding the file's write lock. */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /** Below this much free space an I/O error while opening is read as a full disk. */
    private static final long MIN_FREE_BYTES = 64 * 1024;

    private SqliteOpener() {
    }

    static JdbcTorrentStore open(DatabaseUrl url, long nowEpochSecond) throws StoreOpenException {
        Path file = url.sqliteFile();
        checkFileSystem(file, url.shown());
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers (a listing, the command-line tool) run while the writer writes, and a crash
        // loses at most the transactions after the last sync, never the file.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection;
        try {
            connection = config.createConnection(url.jdbcUrl());
        } catch (SQLException e) {
            throw fault(url, e);
        }
        SqliteConnection source = new SqliteConnection(connection);
        try {
            SchemaMigrator.migrate(source, Dialect.SQLITE, Migrations.ALL, nowEpochSecond);
        } catch (SQLException e) {
            source.close();
            throw fault(url, e);
        }
        return new JdbcTorrentStore(source, url.shown());
    }

    private static void checkFileSystem(Path file, String shown) throws StoreOpenException {
        Path directory = file.getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreOpenException(Fault.READ_ONLY, "database " + shown + ": cannot create the directory "
                    + directory + ": " + e);
        }
        if (!Files.isWritable(directory)) {
            throw new StoreOpenException(Fault.READ_ONLY, "database " + shown + ": the directory " + directory
                    + " is not writable; SQLite needs to create the file and its -wal and -shm files there "
                    + "(check its owner, its mode and whether the file system is read-only)");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StoreOpenException(Fault.UNREADABLE, "database " + shown
                    + ": not a regular file; point database.url at a file");
        }
        if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
            throw new StoreOpenException(Files.isReadable(file) ? Fault.READ_ONLY : Fault.UNREADABLE, "database "
                    + shown + ": the daemon's user cannot " + (Files.isReadable(file) ? "write" : "read")
                    + " the file (check its owner and mode)");
        }
    }

    private static StoreOpenException fault(DatabaseUrl url, SQLException e) {
        Path directory = url.sqliteFile().toAbsolutePath().getParent();
        Fault fault = SqlFaults.classify(e);
        if ((fault == Fault.UNREADABLE || fault == Fault.FAILED) && noSpaceLeft(directory)) {
            // Some writes report ENOSPC as a plain I/O error (the -shm file, a sync); the file system
            // itself tells which it was.
            fault = Fault.DISK_FULL;
        }
        String advice = switch (fault) {
            case DISK_FULL -> "; no space left on the file system holding " + directory
                    + ": free space there, or point database.url at another file system";
            case CORRUPT_FILE -> "; the file is damaged or not a SQLite database: restore it from a backup, or "
                    + "move it away to start with an empty one";
            case READ_ONLY -> "; the file or its directory is read-only";
            case UNREADABLE -> "; the file cannot be opened or read";
            default -> "";
        };
        return new StoreOpenException(fault, "database " + url.shown() + ": " + SqlFaults.reason(e) + advice, e);
    }

    /** Whether the file system holding {@code directory} cannot take even one more SQLite page and its WAL frame. */
    private static boolean noSpaceLeft(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace() < MIN_FREE_BYTES;
        } catch (IOException e) {
            return false;
        }
    }
}
