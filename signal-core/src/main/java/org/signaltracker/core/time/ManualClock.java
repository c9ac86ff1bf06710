package org.signaltracker.core.time;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; for tests and benchmarks. Thread-safe. */
public final class ManualClock implements Clock {

    private final AtomicLong millis;

    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    public ManualClock() {
        this(1_000_000L);
    }

    @Override
    public long nowMillis() {
        return millis.get();
    }

    public void advanceMillis(long delta) {
        millis.addAndGet(delta);
    }

    public void advanceSeconds(long delta) {
        millis.addAndGet(delta * 1000L);
    }
}
