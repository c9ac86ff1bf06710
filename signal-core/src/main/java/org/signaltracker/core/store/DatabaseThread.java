package org.signaltracker.core.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread ({@value #NAME}) that talks to the database while the daemon runs: the write-behind
 * writer and the policy refresher take turns on it, so they never contend for the database with each
 * other and no event loop ever waits on it. A task that throws is logged and runs again at its next turn.
 *
 * <p>Thread-safe.
 */
public final class DatabaseThread implements AutoCloseable {

    public static final String NAME = "signal-tracker-db";
    private static final Logger LOG = Logger.getLogger(DatabaseThread.class.getName());

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, NAME);
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code task} every {@code intervalMillis}, the first time one interval from now. */
    public void every(long intervalMillis, String what, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again; keep it alive and say what happened.
                LOG.log(Level.WARNING, what + " failed; trying again at its next turn", e);
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once, as soon as the thread is free; a task that throws is logged. */
    public void once(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, what + " failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopping: the change reaches the next daemon's load instead.
        }
    }

    /**
     * Stops the tasks, letting one in progress finish (a write ends within the store's own timeouts).
     * Call the writer's {@link ActivityWriter#close} after this for the last write.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warning("a database task still runs after a minute; stopping without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
