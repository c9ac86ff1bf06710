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

    /** Events that bypass the min-interval rate limit: leaving and finishing are always processed. */
    public boolean bypassesRateLimit() {
        return this == STOPPED || this == COMPLETED;
    }
}
