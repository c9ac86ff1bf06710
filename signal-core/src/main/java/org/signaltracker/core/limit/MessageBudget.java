package org.signaltracker.core.limit;

/**
 * A token bucket that bounds how many messages one connection may send, refilled at its loop's
 * {@link MessageRate}: {@code ratePerSecond} sustained, {@code burst} at once. Time comes in as
 * milliseconds so the bucket stays clock-agnostic.
 *
 * <p>Not thread-safe: confined to the event loop of the connection it guards.
 */
public final class MessageBudget {

    private final MessageRate rate;
    private double tokens;
    private long lastRefillMillis;

    /** A budget that starts full, refilled at {@code rate} (shared with the loop's other connections). */
    public MessageBudget(MessageRate rate, long nowMillis) {
        this.rate = rate;
        this.tokens = rate.capacity;
        this.lastRefillMillis = nowMillis;
    }

    /** A budget with a rate of its own (tests, and callers without a loop). */
    public MessageBudget(int ratePerSecond, int burst, long nowMillis) {
        this(new MessageRate(ratePerSecond, burst), nowMillis);
    }

    /** Takes one token; false means the message is over budget and must not be processed. */
    public boolean tryAcquire(long nowMillis) {
        long elapsed = nowMillis - lastRefillMillis;
        MessageRate r = rate;
        if (elapsed > 0) {
            tokens = Math.min(r.capacity, tokens + elapsed * r.tokensPerMilli);
            lastRefillMillis = nowMillis;
        } else if (tokens > r.capacity) {
            // A reload lowered the burst: it binds from the next message, even one in the same millisecond.
            tokens = r.capacity;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
