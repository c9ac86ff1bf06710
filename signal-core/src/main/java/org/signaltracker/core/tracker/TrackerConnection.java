package org.signaltracker.core.tracker;

import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.session.PeerSession;

/**
 * The core's view of one client connection: its transport port, its message budget and the swarm
 * memberships it registered, so closing it removes them all in time proportional to their number.
 *
 * <p>Created by {@link TrackerCore#openConnection}. Everything but {@link #isClosed()} is confined to the
 * connection's own thread (the event loop that reads it); {@code isClosed()} may be read from any thread.
 */
public final class TrackerConnection {

    private static final Peer[] NONE = new Peer[0];

    private final PeerSession session;
    private final MessageBudget budget;
    private volatile boolean closed;
    /** Messages refused in a row for being over budget; the dispatcher closes a persistent flooder. */
    private int overBudgetStreak;

    /**
     * Memberships this connection created or took over. Entries go stale when the sweep evicts a peer or
     * another connection takes its id over; they are skipped on close and purged when the list is full.
     */
    private Peer[] registrations = NONE;
    private int registrationCount;

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

    /** Records one more over-budget message and returns how many came in a row. */
    public int recordOverBudget() {
        return ++overBudgetStreak;
    }

    /** Called when a message was within budget again. */
    public void resetOverBudget() {
        overBudgetStreak = 0;
    }

    void markClosed() {
        closed = true;
    }

    int registrationCount() {
        return registrationCount;
    }

    Peer registration(int index) {
        return registrations[index];
    }

    void register(Peer peer) {
        if (registrationCount == registrations.length) {
            Peer[] bigger = new Peer[Math.max(4, registrationCount * 2)];
            System.arraycopy(registrations, 0, bigger, 0, registrationCount);
            registrations = bigger;
        }
        registrations[registrationCount++] = peer;
    }

    /** Keeps only the entries for which {@code live} holds; order is not kept. */
    void retainRegistrations(java.util.function.Predicate<Peer> live) {
        int kept = 0;
        for (int i = 0; i < registrationCount; i++) {
            if (live.test(registrations[i])) {
                registrations[kept++] = registrations[i];
            }
        }
        for (int i = kept; i < registrationCount; i++) {
            registrations[i] = null;
        }
        registrationCount = kept;
    }

    void clearRegistrations() {
        registrations = NONE;
        registrationCount = 0;
    }
}
