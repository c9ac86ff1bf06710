package org.signaltracker.core.config;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The configuration the daemon runs with now. A reload replaces it whole; parts that apply live either
 * read {@link #current()} when they start a piece of work (a volatile read, cheap enough for a connection
 * or a timer, not meant for every message) or subscribe and copy what they need when it changes.
 * Settings of knobs that are not live keep working from the values they were started with.
 *
 * <p>Thread-safe: any thread may read; {@link #replace} is called by one reloading thread at a time.
 */
public final class LiveConfig {

    private volatile SignalTrackerConfig current;
    private final List<Consumer<SignalTrackerConfig>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Check> checks = new CopyOnWriteArrayList<>();

    /**
     * What a reload must pass beyond the file's own syntax and ranges: files a config names (a ban list,
     * certificates) must be readable and valid, or the whole reload is refused and nothing changes.
     */
    @FunctionalInterface
    public interface Check {
        void check(SignalTrackerConfig next) throws ConfigException;
    }

    public LiveConfig(SignalTrackerConfig initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public SignalTrackerConfig current() {
        return current;
    }

    /**
     * Calls {@code subscriber} on every later {@link #replace}, on the reloading thread, after the new
     * config is current. A subscriber must not block and must not throw: the config is already valid.
     */
    public void subscribe(Consumer<SignalTrackerConfig> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber));
    }

    /** Adds a check that {@link #check} runs on every config a reload is about to apply. */
    public void addCheck(Check check) {
        checks.add(Objects.requireNonNull(check));
    }

    /** Runs every check on {@code next}; the first failure is thrown, naming the key and the fault. */
    public void check(SignalTrackerConfig next) throws ConfigException {
        for (Check check : checks) {
            check.check(next);
        }
    }

    /** Makes {@code next} current and tells every subscriber, in the order they subscribed. */
    public synchronized void replace(SignalTrackerConfig next) {
        current = Objects.requireNonNull(next);
        for (Consumer<SignalTrackerConfig> subscriber : subscribers) {
            subscriber.accept(next);
        }
    }
}
