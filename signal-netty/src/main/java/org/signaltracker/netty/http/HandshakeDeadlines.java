package org.signaltracker.netty.http;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one event loop that are still on HTTP, oldest first, and the one task that closes those
 * past {@code websocket.handshakeTimeoutSeconds}: in place of a timer scheduled when each connection starts
 * and cancelled when it ends, which cost a scheduled task, a priority queue insertion and removal and a clock
 * read per connection (a few per cent of the work of an HTTP request on a new connection, most of which end
 * within a millisecond). Every connection of a listener has the same timeout, so the order of arrival is the
 * order of the deadlines: a connection joins at the tail, leaves from wherever it is when it ends or upgrades
 * (it is its own list node, so nothing is allocated), and the task only ever looks at the head. The task is
 * scheduled for the head's deadline, and after a pass no sooner than {@link #PASS_INTERVAL_NANOS} later, so a
 * connection may be closed up to that much after its deadline, never before it.
 *
 * <p>One per event loop and listener, confined to its loop; the {@link Table} that hands them out is shared
 * by the listener's connections.
 */
public final class HandshakeDeadlines implements Runnable {

    /** How often at most the task runs while connections keep coming. */
    static final long PASS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** One list per event loop; shared by the connections of a listener, thread-safe. */
    public static final class Table {

        private final ConcurrentHashMap<EventExecutor, HandshakeDeadlines> loops = new ConcurrentHashMap<>();

        HandshakeDeadlines of(EventExecutor executor) {
            HandshakeDeadlines deadlines = loops.get(executor);
            return deadlines != null ? deadlines : loops.computeIfAbsent(executor, HandshakeDeadlines::new);
        }
    }

    /** What the list needs of a connection: its links, its deadline, and what to do when it is reached. */
    abstract static class Node {
        private Node previous;
        private Node next;
        private boolean listed;
        private long deadlineNanos;

        /** The deadline has passed while this was still listed; it is no longer listed. */
        abstract void deadlineReached();
    }

    private final EventExecutor executor;
    private Node head;
    private Node tail;
    private boolean scheduled;

    private HandshakeDeadlines(EventExecutor executor) {
        this.executor = executor;
    }

    /** Lists {@code node} until {@code timeoutNanos} from now; its timeout must be the same as every other's. */
    void add(Node node, long timeoutNanos) {
        if (node.listed) {
            return;
        }
        node.deadlineNanos = executor.ticker().nanoTime() + timeoutNanos;
        node.listed = true;
        node.previous = tail;
        node.next = null;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        if (!scheduled) {
            scheduleIn(timeoutNanos);
        }
    }

    /** Unlists {@code node} (its connection ended or upgraded); nothing if it is not listed. */
    void remove(Node node) {
        if (!node.listed) {
            return;
        }
        if (node.previous == null) {
            head = node.next;
        } else {
            node.previous.next = node.next;
        }
        if (node.next == null) {
            tail = node.previous;
        } else {
            node.next.previous = node.previous;
        }
        node.previous = null;
        node.next = null;
        node.listed = false;
    }

    /** The pass: every connection whose deadline has passed leaves the list and is told so. */
    @Override
    public void run() {
        scheduled = false;
        long now = executor.ticker().nanoTime();
        while (head != null && head.deadlineNanos - now <= 0) {
            Node expired = head;
            remove(expired);
            expired.deadlineReached();
        }
        if (head != null) {
            scheduleIn(Math.max(head.deadlineNanos - now, PASS_INTERVAL_NANOS));
        }
    }

    private void scheduleIn(long nanos) {
        scheduled = true;
        executor.schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
