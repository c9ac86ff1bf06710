package org.signaltracker.core.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-address state behind {@code access.maxConnectionsPerAddress} and
 * {@code access.connectionsPerMinutePerAddress}: the WebSockets each address holds open and a token
 * bucket of new ones. An entry exists only while it says something: it goes when its address holds no
 * connection and its bucket has refilled (at once on the last close when no rate limit is set, else at
 * the next {@link #sweep}). Entries of addresses with open connections are bounded by the connection
 * cap; the others, which a flood of many addresses creates, are capped at {@code maxIdle}: beyond it an
 * address whose last connection closes is forgotten at once, so its rate limit starts afresh, but the
 * table cannot grow without bound.
 *
 * <p>Thread-safe: every change to an entry happens inside the map's per-key {@code compute}, so each
 * address is updated atomically without a lock of its own. Touched once per upgrade and once per close,
 * never per message.
 */
final class AddressTable {

    /** What one admission asks for; a zero turns that limit off. */
    record Limits(int maxOpen, int perMinute, int burst, int maxIdle) {
    }

    /** Outcome of {@link #admit}: a refusal with its retry delay, or admitted (and whether it was counted). */
    record Admission(AccessRefusal refusal, int retryAfterSeconds, boolean counted) {
        static final Admission UNCOUNTED = new Admission(null, 0, false);
        static final Admission COUNTED = new Admission(null, 0, true);
    }

    /** Mutated only inside {@code compute} for its key. */
    private static final class Entry {
        int open;
        double tokens;
        long refilledAtMillis;
    }

    private final ConcurrentHashMap<IpAddress, Entry> entries = new ConcurrentHashMap<>();
    /** Entries with no open connection (kept only for their rate-limit bucket). */
    private final AtomicInteger idle = new AtomicInteger();

    /**
     * Takes a token from {@code key}'s bucket (when a rate is set) and then counts one more open connection
     * (when a cap is set), or refuses, changing nothing, when the bucket is empty or the cap reached.
     * A counted admission must be given back with {@link #release} when its connection closes.
     */
    Admission admit(IpAddress key, Limits limits, long nowMillis) {
        if (limits.maxOpen() == 0 && limits.perMinute() == 0) {
            return Admission.UNCOUNTED;
        }
        Admission[] outcome = new Admission[1];
        entries.compute(key, (k, entry) -> {
            boolean wasIdle = entry != null && entry.open == 0;
            if (entry == null) {
                entry = new Entry();
                entry.tokens = limits.burst();
                entry.refilledAtMillis = nowMillis;
            }
            if (limits.perMinute() > 0) {
                refill(entry, limits, nowMillis);
                if (entry.tokens < 1) {
                    double secondsToOne = (1 - entry.tokens) * 60.0 / limits.perMinute();
                    outcome[0] = new Admission(AccessRefusal.ADDRESS_RATE, (int) Math.max(1, Math.ceil(secondsToOne)),
                            false);
                    return keep(entry, wasIdle, limits);
                }
                entry.tokens -= 1;
            }
            if (limits.maxOpen() > 0) {
                if (entry.open >= limits.maxOpen()) {
                    outcome[0] = new Admission(AccessRefusal.ADDRESS_CAP, AccessRefusal.CAP_RETRY_AFTER_SECONDS,
                            false);
                    return keep(entry, wasIdle, limits);
                }
                entry.open++;
                outcome[0] = Admission.COUNTED;
            } else {
                outcome[0] = Admission.UNCOUNTED;
            }
            return keep(entry, wasIdle, limits);
        });
        return outcome[0];
    }

    /** One counted connection of {@code key} has closed. */
    void release(IpAddress key, Limits limits, long nowMillis) {
        entries.computeIfPresent(key, (k, entry) -> {
            boolean wasIdle = entry.open == 0;
            if (entry.open > 0) {
                entry.open--;
            }
            if (limits.perMinute() > 0) {
                refill(entry, limits, nowMillis);
            }
            return keep(entry, wasIdle, limits);
        });
    }

    /** Forgets every entry that holds no connection and whose bucket has refilled; run off the event loops. */
    void sweep(Limits limits, long nowMillis) {
        for (IpAddress key : entries.keySet()) {
            entries.computeIfPresent(key, (k, entry) -> {
                if (entry.open == 0 && limits.perMinute() > 0) {
                    refill(entry, limits, nowMillis);
                }
                return entry.open == 0 ? keep(entry, true, limits) : entry;
            });
        }
    }

    int size() {
        return entries.size();
    }

    int idle() {
        return idle.get();
    }

    /** The entry's next state inside {@code compute}: kept, or null to remove it; keeps {@link #idle} true. */
    private Entry keep(Entry entry, boolean wasIdle, Limits limits) {
        boolean isIdle = entry.open == 0;
        boolean worthKeeping = !isIdle || (limits.perMinute() > 0 && entry.tokens < limits.burst()
                && (wasIdle || idle.get() < limits.maxIdle()));
        if (!worthKeeping) {
            if (wasIdle) {
                idle.decrementAndGet();
            }
            return null;
        }
        if (isIdle != wasIdle) {
            idle.addAndGet(isIdle ? 1 : -1);
        }
        return entry;
    }

    private static void refill(Entry entry, AddressTable.Limits limits, long nowMillis) {
        long elapsed = Math.max(0, nowMillis - entry.refilledAtMillis);
        entry.tokens = Math.min(limits.burst(), entry.tokens + elapsed * limits.perMinute() / 60_000.0);
        entry.refilledAtMillis = nowMillis;
    }
}
