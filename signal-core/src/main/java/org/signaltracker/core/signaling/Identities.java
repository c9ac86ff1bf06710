package org.signaltracker.core.signaling;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.signaltracker.core.time.Clock;

/**
 * The one namespace of names: {@code /ws} usernames, {@code /v1/register} registrations and the
 * connections online under them. A name is online from its claim until its connection releases it; a
 * registered name stays taken while offline until it is unused for the registration lifetime.
 *
 * <p>Thread-safe. Every change to one name happens inside {@link ConcurrentHashMap#compute} for that key,
 * which locks only that key's bin: claims, releases and registrations of one name are serialised, those of
 * different names mostly do not contend. Lookups ({@link #online}) take no lock and allocate nothing.
 */
final class Identities {

    /** The record of one name; fields change only inside a compute for its key. */
    static final class Entry {
        volatile SignalingConnection online;
        boolean registered;
        int lastUsedSeconds;
    }

    /** What a claim did: took the name (perhaps from {@code replaced}), or found it taken. */
    record Claim(boolean taken, SignalingConnection replaced) {
        static final Claim TAKEN = new Claim(true, null);
        static final Claim FREE = new Claim(false, null);
    }

    enum Registration { REGISTERED, TAKEN, FULL }

    private final ConcurrentHashMap<String, Entry> byName = new ConcurrentHashMap<>();
    private final AtomicInteger registrations = new AtomicInteger();
    private final Clock clock;
    private final int ttlSeconds;
    private final int maxRegistrations;

    Identities(Clock clock, int ttlSeconds, int maxRegistrations) {
        this.clock = clock;
        this.ttlSeconds = ttlSeconds;
        this.maxRegistrations = maxRegistrations;
    }

    /**
     * Puts {@code conn} online as {@code name}. A name held online or registered is taken unless
     * {@code replace}; with it, the older connection (returned) loses the name and the registration stays.
     */
    Claim claim(String name, SignalingConnection conn, boolean replace) {
        Claim[] result = {Claim.FREE};
        int now = clock.nowSeconds();
        byName.compute(name, (key, entry) -> {
            if (entry != null && expired(entry, now)) {
                registrations.decrementAndGet();
                entry = null;
            }
            if (entry == null) {
                entry = new Entry();
            } else if (!replace) {
                result[0] = Claim.TAKEN;
                return entry;
            } else if (entry.online != null && entry.online != conn) {
                result[0] = new Claim(false, entry.online);
            }
            entry.online = conn;
            conn.name(name);
            return entry;
        });
        return result[0];
    }

    /**
     * Puts {@code conn} online as the registered {@code name}, replacing any older connection (returned in
     * the claim). Taken means the registration is gone (expired or never made).
     */
    Claim claimRegistered(String name, SignalingConnection conn) {
        Claim[] result = {Claim.TAKEN};
        int now = clock.nowSeconds();
        byName.computeIfPresent(name, (key, entry) -> {
            if (!entry.registered || expired(entry, now)) {
                return entry;
            }
            result[0] = entry.online != null && entry.online != conn ? new Claim(false, entry.online) : Claim.FREE;
            entry.online = conn;
            conn.name(name);
            return entry;
        });
        return result[0];
    }

    /** Takes {@code conn} offline; releases its name only if it still holds it, so a late close is harmless. */
    void release(SignalingConnection conn) {
        String name = conn.name();
        if (name == null) {
            return;
        }
        int now = clock.nowSeconds();
        byName.computeIfPresent(name, (key, entry) -> {
            if (entry.online != conn) {
                return entry;
            }
            entry.online = null;
            if (!entry.registered) {
                return null;
            }
            entry.lastUsedSeconds = now;
            return entry;
        });
    }

    /** The connection online as {@code name}, or null. No lock, no allocation. */
    SignalingConnection online(String name) {
        Entry entry = byName.get(name);
        return entry == null ? null : entry.online;
    }

    Registration register(String name) {
        Registration[] result = {Registration.REGISTERED};
        int now = clock.nowSeconds();
        byName.compute(name, (key, entry) -> {
            if (entry != null && expired(entry, now)) {
                registrations.decrementAndGet();
                entry = null;
            }
            if (entry != null) {
                result[0] = Registration.TAKEN;
                return entry;
            }
            if (registrations.incrementAndGet() > maxRegistrations) {
                registrations.decrementAndGet();
                result[0] = Registration.FULL;
                return null;
            }
            Entry fresh = new Entry();
            fresh.registered = true;
            fresh.lastUsedSeconds = now;
            return fresh;
        });
        return result[0];
    }

    /** Whether {@code name} is registered and live; a live one counts as used now. */
    boolean touchRegistration(String name) {
        boolean[] live = {false};
        int now = clock.nowSeconds();
        byName.computeIfPresent(name, (key, entry) -> {
            if (!entry.registered) {
                return entry;
            }
            if (expired(entry, now)) {
                registrations.decrementAndGet();
                return entry.online == null ? null : entry;
            }
            entry.lastUsedSeconds = now;
            live[0] = true;
            return entry;
        });
        return live[0];
    }

    /** Removes expired registrations; returns how many. Visits every name: call it every few seconds at most. */
    int sweep() {
        int now = clock.nowSeconds();
        int[] removed = {0};
        for (String name : byName.keySet()) {
            byName.computeIfPresent(name, (key, entry) -> {
                if (expired(entry, now)) {
                    registrations.decrementAndGet();
                    removed[0]++;
                    return null;
                }
                return entry;
            });
        }
        return removed[0];
    }

    /** Every connection online now (a snapshot, weakly consistent), for the admin kick. */
    java.util.List<SignalingConnection> onlineConnections() {
        java.util.List<SignalingConnection> online = new java.util.ArrayList<>();
        for (Entry entry : byName.values()) {
            SignalingConnection conn = entry.online;
            if (conn != null) {
                online.add(conn);
            }
        }
        return online;
    }

    int registrationCount() {
        return registrations.get();
    }

    int size() {
        return byName.size();
    }

    /** A registration offline and unused for the lifetime; only ever asked inside a compute for its key. */
    private boolean expired(Entry entry, int now) {
        return entry.registered && entry.online == null && now - entry.lastUsedSeconds >= ttlSeconds;
    }
}
