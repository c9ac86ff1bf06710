package org.signaltracker.core.time;

/**
 * The core's only source of time. Injected everywhere so tests advance a {@link ManualClock} instead of
 * sleeping, and the daemon can use a coarse cached clock on the hot path.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {

    /** Milliseconds on a monotonic timeline; only differences are meaningful. */
    long nowMillis();

    /**
     * Whole seconds on the same timeline as {@link #nowMillis()}, as an int: peer records store their
     * last-announce time in this unit to stay small. Fits an int for 68 years of uptime.
     */
    default int nowSeconds() {
        return (int) (nowMillis() / 1000L);
    }
}
