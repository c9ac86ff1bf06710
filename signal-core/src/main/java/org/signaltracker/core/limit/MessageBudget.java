package org.signaltracker.core.limit;

/**
 * A token bucket that bounds how many messages one connection may send: {@code ratePerSecond}
 * sustained, {@code burst} at once. Time comes in as milliseconds so the bucket stays clock-agnostic.
 *
 * <p>Not thread-safe: confined to the event loop of the connection it guards.
 */
public final class MessageBudget {

    private final double tokensPerMilli;
    private final double capacity;
    private double tokens;
    private long lastRefillMillis;

    public MessageBudget(int ratePerSecond, int burst, long nowMillis) {
        this.tokensPerMilli = ratePerSecond / 1000.0;
        this.capacity = burst;
        this.tokens = burst;
        this.lastRefillMillis = nowMillis;
    }

    /** Takes one token; false means the message is over budget and must not be processed. */
    public boolean tryAcquire(long nowMillis) {
        long elapsed = nowMillis - lastRefillMillis;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerMilli);
            lastRefillMillis = nowMillis;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
