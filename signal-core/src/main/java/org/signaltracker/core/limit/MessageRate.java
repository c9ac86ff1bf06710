package org.signaltracker.core.limit;

/**
 * The rate and burst that every {@link MessageBudget} of one event loop refills by. A reload changes it
 * in place on that loop, so every connection of the loop follows the new limit from its next refill
 * without a volatile read per message and without touching the connection.
 *
 * <p>Not thread-safe: confined to the event loop whose connections use it (a reload posts its change to
 * the loop).
 */
public final class MessageRate {

    double tokensPerMilli;
    double capacity;

    public MessageRate(int ratePerSecond, int burst) {
        set(ratePerSecond, burst);
    }

    /** The new limit; budgets holding more than {@code burst} tokens are cut down at their next refill. */
    public void set(int ratePerSecond, int burst) {
        this.tokensPerMilli = ratePerSecond / 1000.0;
        this.capacity = burst;
    }

    public int burst() {
        return (int) capacity;
    }
}
