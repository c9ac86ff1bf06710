package org.signaltracker.core.time;

/** Monotonic wall-independent clock backed by {@link System#nanoTime()}. Thread-safe. */
public final class SystemClock implements Clock {

    public static final SystemClock INSTANCE = new SystemClock();

    private final long originNanos = System.nanoTime();

    private SystemClock() {
    }

    @Override
    public long nowMillis() {
        return (System.nanoTime() - originNanos) / 1_000_000L;
    }
}
