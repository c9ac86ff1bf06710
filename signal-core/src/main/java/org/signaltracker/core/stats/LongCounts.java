package org.signaltracker.core.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A count per {@code long} key for the client prefixes a census meets: a handful in practice, but peer ids
 * with random prefixes could make one per peer, so past {@link #MAX_KEYS} distinct keys further new keys
 * are only counted together ({@link #overflow}). Not thread-safe.
 */
final class LongCounts {

    static final int MAX_KEYS = 1024;

    private final Map<Long, long[]> counts = new HashMap<>();
    private long overflow;

    void increment(long key) {
        long[] count = counts.get(key);
        if (count != null) {
            count[0]++;
        } else if (counts.size() < MAX_KEYS) {
            counts.put(key, new long[] {1});
        } else {
            overflow++;
        }
    }

    void forEach(BiConsumer<Long, Long> action) {
        counts.forEach((key, count) -> action.accept(key, count[0]));
    }

    /** Counts of keys that arrived after {@link #MAX_KEYS} others. */
    long overflow() {
        return overflow;
    }
}
