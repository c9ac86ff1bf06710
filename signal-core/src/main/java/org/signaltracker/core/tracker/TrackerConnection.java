package org.signaltracker.core.tracker;

import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.session.PeerSession;

/**
 * The core's view of one client connection: its transport port, its message budget and the swarm
 * memberships it registered (so closing it removes them all in time proportional to their number).
 *
 * <p>Created by {@link TrackerCore#openConnection}. Its registration bookkeeping is confined to the
 * connection's own thread (the event loop that reads it); {@link #isClosed()} may be read from any thread.
 */
public final class TrackerConnection {

    private final PeerSession session;
    private final MessageBudget budget;
    private volatile boolean closed;

    // Registration bookkeeping is added by the TrackerCore implementation.

    TrackerConnection(PeerSession session, MessageBudget budget) {
        this.session = session;
        this.budget = budget;
    }

    public PeerSession session() {
        return session;
    }

    public MessageBudget budget() {
        return budget;
    }

    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }
}
