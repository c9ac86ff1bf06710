package org.signaltracker.netty.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How long one event loop took to handle each inbound message of one protocol, as histogram buckets. One
 * writer (the loop) and any number of readers (scrapes): the loop bumps plain {@code long}s and publishes
 * them with opaque writes, so recording takes no lock, no atomic read-modify-write and no allocation, and
 * never contends with another loop; a scrape sums every loop's instance with opaque reads.
 *
 * <p>The Prometheus client's own {@code Histogram} was not used on this path: every observation increments
 * one {@code AtomicLong} shared by all threads, and while a scrape runs, observations take a monitor and may
 * grow an array (its {@code Buffer}). A scrape here reads each bucket on its own, so it may see a message in
 * {@code count} and not yet in its bucket: Prometheus tolerates such skew, a stale bucket is one scrape old.
 *
 * <p>Confined to its loop for {@link #record}; {@link #addTo} is thread-safe.
 */
public final class MessageTimes {

    /** Bucket upper bounds in nanoseconds; a message beyond the last lands in +Inf. */
    static final long[] UPPER_BOUNDS_NANOS = {
        1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 100_000_000};

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** One count per bound, then +Inf, then the sum of nanoseconds. */
    private final long[] slots = new long[UPPER_BOUNDS_NANOS.length + 2];

    /** Counts one message that took {@code nanos}. */
    public void record(long nanos) {
        int bucket = 0;
        while (bucket < UPPER_BOUNDS_NANOS.length && nanos > UPPER_BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        long[] s = slots;
        SLOT.setOpaque(s, bucket, (long) SLOT.getOpaque(s, bucket) + 1);
        int sum = s.length - 1;
        SLOT.setOpaque(s, sum, (long) SLOT.getOpaque(s, sum) + nanos);
    }

    /** Adds this loop's counts (one per bucket, +Inf last) to {@code counts} and returns its sum of nanoseconds. */
    long addTo(long[] counts) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += (long) SLOT.getOpaque(slots, i);
        }
        return (long) SLOT.getOpaque(slots, slots.length - 1);
    }
}
