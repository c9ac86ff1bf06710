package org.signaltracker.core.store;

/**
 * One torrent as the store holds it. Times are whole seconds since the Unix epoch. Immutable.
 *
 * @param infoHash        the torrent
 * @param name            a label for people, or {@code null}
 * @param comment         a free note, or {@code null}
 * @param allowed         allowed ({@code true}) or denied ({@code false})
 * @param addedAtEpochSecond when the row was created, by an operator or by the first announce seen
 * @param firstSeenEpochSecond the first announce recorded for it, or {@link #NEVER} if none was
 * @param lastSeenEpochSecond  the latest announce recorded for it, or {@link #NEVER} if none was
 * @param completed       completed downloads recorded for it, across restarts
 */
public record StoredTorrent(
        InfoHash infoHash,
        String name,
        String comment,
        boolean allowed,
        long addedAtEpochSecond,
        long firstSeenEpochSecond,
        long lastSeenEpochSecond,
        long completed) {

    /** A first- or last-seen time for a torrent no announce was recorded for (the column holds NULL). */
    public static final long NEVER = 0;

    public TorrentEntry entry() {
        return new TorrentEntry(infoHash, name, comment, allowed);
    }
}
