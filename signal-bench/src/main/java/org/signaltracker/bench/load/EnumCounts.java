package org.signaltracker.bench.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * One {@link LongAdder} per constant of an enum: counters that the generator's threads bump without
 * contention and the report reads at the end, or snapshots to take the warm-up off the totals.
 */
final class EnumCounts<E extends Enum<E>> {

    private final LongAdder[] adders;

    EnumCounts(Class<E> type) {
        adders = new LongAdder[type.getEnumConstants().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
    }

    void add(E count) {
        adders[count.ordinal()].increment();
    }

    void add(E count, long n) {
        adders[count.ordinal()].add(n);
    }

    long sum(E count) {
        return adders[count.ordinal()].sum();
    }

    /** Every counter now, indexed by ordinal. */
    long[] snapshot() {
        long[] values = new long[adders.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = adders[i].sum();
        }
        return values;
    }
}
