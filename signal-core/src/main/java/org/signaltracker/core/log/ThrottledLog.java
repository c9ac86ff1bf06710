package org.signaltracker.core.log;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.signaltracker.core.time.Clock;

/**
 * One kind of repeated warning, written at most once per interval however often it happens. The line
 * that is written says how many occurrences since the previous line were left out, so an attack shows up
 * as a count instead of as thousands of lines (or as nothing). Create one per kind of event, as a
 * constant beside the code that reports it; the message is built only when a line is written.
 *
 * <p>Thread-safe and lock-free: any event loop may report.
 */
public final class ThrottledLog {

    public static final long DEFAULT_INTERVAL_MILLIS = 1000;

    private final Logger logger;
    private final Level level;
    private final long intervalMillis;
    private final Clock clock;
    /** The time of the last line, or {@code Long.MIN_VALUE} before the first. */
    private final AtomicLong lastLineMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger logger, Level level, long intervalMillis, Clock clock) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis: " + intervalMillis + " (expected: > 0)");
        }
        this.logger = logger;
        this.level = level;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** A warning at most once a second on the system clock. */
    public static ThrottledLog warnings(Class<?> owner) {
        return new ThrottledLog(Logger.getLogger(owner.getName()), Level.WARNING, DEFAULT_INTERVAL_MILLIS,
                org.signaltracker.core.time.SystemClock.INSTANCE);
    }

    /**
     * Reports one occurrence. Writes {@code message} (plus the count left out since the last line) when
     * the interval has passed; otherwise only counts it.
     *
     * @return whether a line was written
     */
    public boolean report(Supplier<String> message) {
        long now = clock.nowMillis();
        long last = lastLineMillis.get();
        if ((last != Long.MIN_VALUE && now - last < intervalMillis) || !lastLineMillis.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return false;
        }
        if (!logger.isLoggable(level)) {
            return false;
        }
        long leftOut = suppressed.getAndSet(0);
        logger.log(level, leftOut == 0 ? message.get()
                : message.get() + " (" + leftOut + " more like this since the previous line)");
        return true;
    }

    /** Occurrences counted but not written since the last line. */
    public long suppressed() {
        return suppressed.get();
    }
}
