package org.signaltracker.core.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.signaltracker.core.access.AccessRefusal;

/**
 * Access-control counters: refusals by {@link AccessRefusal} (one {@link LongAdder} per reason, indexed by
 * ordinal, so counting allocates nothing), and what trusted proxies' forwarding headers gave. Thread-safe;
 * read at scrape time.
 */
public final class AccessMetrics {

    /** Requests whose client address was taken from a trusted proxy's forwarding header. */
    public final LongAdder forwardedClients = new LongAdder();
    /**
     * Requests from a trusted proxy whose forwarding header could not be used (malformed, or the walk met
     * {@code unknown} or an obfuscated node): the socket's address was used instead.
     */
    public final LongAdder forwardedUnusable = new LongAdder();
    /** Reloads of {@code access.bannedRangesFile} that failed and kept the previous list. */
    public final LongAdder banFileErrors = new LongAdder();

    private final LongAdder[] refusals = new LongAdder[AccessRefusal.values().length];

    public AccessMetrics() {
        for (int i = 0; i < refusals.length; i++) {
            refusals[i] = new LongAdder();
        }
    }

    public void countRefusal(AccessRefusal refusal) {
        refusals[refusal.ordinal()].increment();
    }

    public long refusals(AccessRefusal refusal) {
        return refusals[refusal.ordinal()].sum();
    }
}
