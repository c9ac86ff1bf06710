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

    /** Makes {@code next} current and tells every subscriber, in the order they subscribed. */
    public synchronized void replace(SignalTrackerConfig next) {
        current = Objects.requireNonNull(next);
        for (Consumer<SignalTrackerConfig> subscriber : subscribers) {
            subscriber.accept(next);
        }
    }
}
