package org.signaltracker.core.tracker;

/**
 * The announce events the tracker understands. A missing event, {@code "update"} and {@code "empty"}
 * (anacrolix) all decode to {@link #UPDATE}; {@code "paused"} (libtorrent) is kept apart only so that it
 * can be counted, and otherwise behaves like an update.
 */
public enum AnnounceEvent {
    STARTED,
    COMPLETED,
    STOPPED,
    UPDATE,
    PAUSED;

    /**
     * Events that bypass the min-interval rate limit: starting, finishing and leaving are always processed.
     * {@code started} must pass because a WebTorrent seeder opens with {@code completed} (no offers) and
     * sends {@code started} with its only offers a fraction of a second later; a client sends each of these
     * once per torrent and session, and the per-connection message budget still bounds a flood of them.
     */
    public boolean bypassesRateLimit() {
        return this == STARTED || this == STOPPED || this == COMPLETED;
    }
}
