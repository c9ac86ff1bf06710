package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * What the tracker recorded for one swarm over time: a thread reads its counts about every millisecond and
 * keeps each distinct state in order, so the test can check the sequence the clients' events produced
 * (seeder started, leecher started, leecher completed, each stopped) without a hook in the server.
 * A state lasts at least a round trip between two processes, far longer than a poll.
 */
final class SwarmTrace implements AutoCloseable {

    /** One swarm's counts as a scrape reports them. */
    record Counts(long complete, long incomplete, long downloaded) {
        @Override
        public String toString() {
            return "(complete " + complete + ", incomplete " + incomplete + ", downloaded " + downloaded + ")";
        }
    }

    private final Function<byte[], Counts> tracker;
    private final byte[] infoHash;
    private final long startNanos = System.nanoTime();
    private final List<Counts> states = new ArrayList<>();
    private final List<Long> atMillis = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private SwarmTrace(Function<byte[], Counts> tracker, byte[] infoHash) {
        this.tracker = tracker;
        this.infoHash = infoHash.clone();
        record(tracker.apply(this.infoHash));
        poller = new Thread(this::poll, "swarm-trace");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts tracing {@code infoHash} as {@code tracker} reports it. */
    static SwarmTrace start(Function<byte[], Counts> tracker, byte[] infoHash) {
        return new SwarmTrace(tracker, infoHash);
    }

    private void poll() {
        while (running) {
            record(tracker.apply(infoHash));
            LockSupport.parkNanos(1_000_000);
        }
    }

    private synchronized void record(Counts now) {
        if (states.isEmpty() || !states.get(states.size() - 1).equals(now)) {
            states.add(now);
            atMillis.add((System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    synchronized Counts latest() {
        return states.get(states.size() - 1);
    }

    /** Waits until the latest state is {@code expected}; fails with the whole trace after {@code timeout}. */
    void awaitState(String what, Counts expected, Duration timeout) {
        Await.until(() -> latest().equals(expected), timeout, () -> what + ": expected " + expected + ", trace " + this);
    }

    /** Fails unless the states {@code expected} occurred in this order (others may come between them). */
    synchronized void assertSequence(String what, Counts... expected) {
        int next = 0;
        for (int i = 0; i < states.size() && next < expected.length; i++) {
            if (states.get(i).equals(expected[next])) {
                next++;
            }
        }
        if (next < expected.length) {
            fail(what + ": never saw " + expected[next] + " after " + (next == 0 ? "the start" : expected[next - 1])
                    + "; trace " + this);
        }
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < states.size(); i++) {
            text.append(i == 0 ? "" : " -> ").append(atMillis.get(i)).append(" ms ").append(states.get(i));
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
