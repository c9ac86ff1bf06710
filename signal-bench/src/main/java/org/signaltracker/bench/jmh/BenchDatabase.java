package org.signaltracker.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.policy.PolicyMode;
import org.signaltracker.core.store.StoreOpenException;
import org.signaltracker.core.store.StoredTorrents;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.core.tracker.TorrentAdmission;
import org.signaltracker.core.tracker.TorrentHistory;
import org.signaltracker.store.TorrentStores;

/**
 * The info-hash database as a benchmark parameter: {@code off} is the tracker without one; {@code on} is a
 * SQLite file in a temporary directory under the {@code open} policy, wired as in the daemon (the policy asked
 * on every announce, stored counts read when a swarm is created, activity recorded into the pending table),
 * so a benchmark measures what the announce path pays for it. The writer is left idle during the trial
 * (an interval of an hour): {@code -prof gc} counts every thread's allocation, and the database thread's
 * batch (objects per torrent written, once per interval, off the event loops) would read as bytes per
 * announce. Not thread-safe: set up and torn down by one trial.
 */
final class BenchDatabase implements AutoCloseable {

    private final Path directory;
    private final StoredTorrents torrents;

    private BenchDatabase(Path directory, StoredTorrents torrents) {
        this.directory = directory;
        this.torrents = torrents;
    }

    /** @param mode {@code off} or {@code on} */
    static BenchDatabase of(String mode) {
        if (mode.equals("off")) {
            return new BenchDatabase(null, null);
        }
        if (!mode.equals("on")) {
            throw new IllegalArgumentException("database: " + mode + " (expected: off or on)");
        }
        try {
            Path directory = Files.createTempDirectory("signal-bench-db");
            StoredTorrents torrents = StoredTorrents.start(
                    TorrentStores.open(new DatabaseConfig("sqlite:" + directory.resolve("bench.db"), "", "", 1, 5)),
                    PolicyMode.OPEN, SystemClock.INSTANCE, 3_600_000, 3_600_000);
            return new BenchDatabase(directory, torrents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StoreOpenException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    TorrentAdmission admission() {
        return torrents == null ? TorrentAdmission.ALL : torrents.policy();
    }

    TorrentHistory history() {
        return torrents == null ? TorrentHistory.NONE : torrents;
    }

    @Override
    public void close() {
        if (torrents == null) {
            return;
        }
        torrents.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
