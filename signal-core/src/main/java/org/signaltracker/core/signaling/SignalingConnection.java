package org.signaltracker.core.signaling;

import java.util.ArrayList;
import java.util.List;
import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.session.PeerSession;

/**
 * The hub's view of one signaling connection: its transport port, dialect, message budget, the name it goes
 * by and the rooms it is in.
 *
 * <p>Thread ownership: the budget and the over-budget streak are confined to the
 * connection's own event loop (the one that reads it). The name and the "gone" flag are volatile, read by
 * any thread. Room membership is guarded by this object's monitor: it changes on the connection's own loop
 * (join, leave, close) but also on another loop when a newer connection replaces this one, so the hub
 * takes this lock first and a room's lock inside it, never the other way round.
 */
public final class SignalingConnection {

    private final PeerSession session;
    private final Dialect dialect;
    private final MessageBudget budget;
    private final long openedAtMillis;
    private volatile String name;
    private volatile boolean gone;
    private int overBudgetStreak;

    /** Named rooms this connection is in; guarded by {@code this}. */
    private final List<Room> rooms = new ArrayList<>(2);

    /** Set once at open for {@link Dialect#KEYED}, before the connection is published. */
    private KeyedRoom keyedRoom;
    private KeyedRole keyedRole;

    SignalingConnection(PeerSession session, Dialect dialect, MessageBudget budget, long openedAtMillis) {
        this.session = session;
        this.dialect = dialect;
        this.budget = budget;
        this.openedAtMillis = openedAtMillis;
    }

    public PeerSession session() {
        return session;
    }

    public Dialect dialect() {
        return dialect;
    }

    public MessageBudget budget() {
        return budget;
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    /** The peer id on the wire: the username (/ws, /v1) or the server-assigned id (keyed); null until identified. */
    public String name() {
        return name;
    }

    public boolean isIdentified() {
        return name != null;
    }

    /** True once the connection closed, was replaced or was kicked: it is offline and in no room. */
    public boolean isGone() {
        return gone;
    }

    public KeyedRoom keyedRoom() {
        return keyedRoom;
    }

    public KeyedRole keyedRole() {
        return keyedRole;
    }

    /** Records one more over-budget message and returns how many came in a row. */
    public int recordOverBudget() {
        return ++overBudgetStreak;
    }

    public void resetOverBudget() {
        overBudgetStreak = 0;
    }

    void name(String name) {
        this.name = name;
    }

    void keyed(KeyedRoom room, KeyedRole role) {
        this.keyedRoom = room;
        this.keyedRole = role;
    }

    /** Under {@code this}: the rooms, for the hub's join and leave. */
    List<Room> rooms() {
        return rooms;
    }

    /** Under {@code this}: marks the connection offline for good; returns false if it already was. */
    boolean markGone() {
        if (gone) {
            return false;
        }
        gone = true;
        return true;
    }

    @Override
    public String toString() {
        return "signaling#" + session.id() + (name == null ? "" : "(" + name + ")");
    }
}
