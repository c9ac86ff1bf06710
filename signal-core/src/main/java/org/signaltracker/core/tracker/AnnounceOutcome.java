package org.signaltracker.core.tracker;

import org.signaltracker.core.error.TrackerError;

/**
 * What the core decided for one announce: the counts for the response, whether it was refused or
 * rate-limited, and the peers that receive the caller's offers ({@code targets[i]} gets offer {@code i}).
 *
 * <p>Mutable and reused, one per event loop, so the announce path allocates nothing. Filled under a stripe
 * lock; the caller writes to the targets' sessions after the lock is released. Not thread-safe.
 */
public final class AnnounceOutcome {

    /** Set when the announce was refused; the other fields are then meaningless except the counts. */
    public TrackerError error;
    /** True when the peer re-announced before the min interval: counts are valid, nothing was relayed. */
    public boolean rateLimited;
    /** Seeders in the swarm after this announce (including the caller if it is one). */
    public int complete;
    /** Leechers in the swarm after this announce (including the caller if it is one). */
    public int incomplete;
    /** True when this announce counted a completed download (the history stores it). */
    public boolean downloadCounted;
    /** Peers passed over because {@code PendingOffers.CAPACITY} offers to them were already in flight. */
    public int receiversBusy;
    /** Number of valid entries in {@link #targets}. */
    public int targetCount;
    /** Chosen receivers, distinct, never the caller. Sized to the configured maximum offers. */
    public final TrackerConnection[] targets;

    public AnnounceOutcome(int maxTargets) {
        this.targets = new TrackerConnection[maxTargets];
    }

    public void reset() {
        error = null;
        rateLimited = false;
        downloadCounted = false;
        complete = 0;
        incomplete = 0;
        receiversBusy = 0;
        // Clear references so a closed connection is not kept reachable by a reused outcome.
        for (int i = 0; i < targetCount; i++) {
            targets[i] = null;
        }
        targetCount = 0;
    }
}
