package org.signaltracker.core.limit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that clients make the daemon hold on their behalf, summed over every connection: frames being
 * read, fragmented messages being joined, and replies, pongs and relays queued for clients that read slowly.
 * Each connection bounds its own share; this bounds the sum, so many connections each within their limits
 * cannot exhaust memory together. Near the limit new connections are refused; over it, the transport
 * stops reading from the connections that grow and closes the ones holding the most.
 *
 * <p>Thread-safe. Connections report changes only (most messages never change what a connection holds),
 * so the shared counter is touched rarely on the hot path.
 */
public final class HeldBytesBudget {

    /** New connections are refused from this fraction of the limit on, in eighths. */
    private static final int REFUSE_NEW_AT_EIGHTHS = 7;
    /** Shedding frees memory until the total is back under this fraction of the limit, in eighths. */
    private static final int SHED_TO_EIGHTHS = 6;

    private final long limitBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public HeldBytesBudget(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes: " + limitBytes + " (expected: > 0)");
        }
        this.limitBytes = limitBytes;
    }

    /**
     * The budget for {@code limits.maxHeldMegabytes}: the configured size, or for 0 one eighth of the
     * smaller of the heap limit and the direct-memory limit (frames and queues live in direct memory,
     * joined messages on the heap), so the daemon's memory stays bounded well inside the JVM's own limits.
     */
    public static long resolveBytes(int configuredMegabytes, long maxHeapBytes, long maxDirectBytes) {
        if (configuredMegabytes > 0) {
            return configuredMegabytes * 1024L * 1024L;
        }
        return Math.max(1024L * 1024L, Math.min(maxHeapBytes, maxDirectBytes) / 8);
    }

    /** Adds {@code deltaBytes} (negative to give back); returns the new total. */
    public long add(long deltaBytes) {
        long total = held.addAndGet(deltaBytes);
        if (deltaBytes > 0 && total > peak.get()) {
            peak.accumulateAndGet(total, Math::max);
        }
        return total;
    }

    /** The most ever held at once: what an attack achieved, for tests and metrics. */
    public long peakBytes() {
        return peak.get();
    }

    public long heldBytes() {
        return held.get();
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Whether {@code total} (a value {@link #add} returned) is over the limit. */
    public boolean isOver(long total) {
        return total > limitBytes;
    }

    public boolean isOverLimit() {
        return isOver(held.get());
    }

    /** Whether a new connection may start: false from seven eighths of the limit on. */
    public boolean admitsNewConnections() {
        return held.get() < limitBytes / 8 * REFUSE_NEW_AT_EIGHTHS;
    }

    /** How many bytes shedding should free now to be back at six eighths of the limit (0 when under it). */
    public long excessBytes() {
        return Math.max(0, held.get() - limitBytes / 8 * SHED_TO_EIGHTHS);
    }
}
