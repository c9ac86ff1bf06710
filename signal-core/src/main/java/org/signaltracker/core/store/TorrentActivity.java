package org.signaltracker.core.store;

import java.util.Objects;

/**
 * What the tracker saw of one torrent since the last write: completed downloads to add and the span of
 * announce times. Applying it adds {@code completedIncrement} to the stored count, lowers the stored first-seen
 * time to {@code firstSeenEpochSecond} if that is earlier and raises the last-seen time to
 * {@code lastSeenEpochSecond} if that is later, so applying two deltas in either order gives the same row.
 * Immutable.
 *
 * @param infoHash             the torrent
 * @param completedIncrement   completed announces since the last write; not negative
 * @param firstSeenEpochSecond the earliest announce in this span
 * @param lastSeenEpochSecond  the latest announce in this span; not before the first
 */
public record TorrentActivity(InfoHash infoHash, long completedIncrement, long firstSeenEpochSecond,
        long lastSeenEpochSecond) {

    public TorrentActivity {
        Objects.requireNonNull(infoHash, "infoHash");
        if (completedIncrement < 0) {
            throw new IllegalArgumentException("completedIncrement: " + completedIncrement + " (expected: >= 0)");
        }
        if (firstSeenEpochSecond <= StoredTorrent.NEVER || lastSeenEpochSecond < firstSeenEpochSecond) {
            throw new IllegalArgumentException("seen span: " + firstSeenEpochSecond + ".." + lastSeenEpochSecond
                    + " (expected: 0 < first <= last)");
        }
    }
}
