package org.signaltracker.bench.load;

/**
 * What the simulated clients do. Callbacks run on the event loop of the connection they name.
 */
interface Scenario {

    /** The WebSocket handshake of {@code c} completed (others may still be connecting). */
    void opened(LoadConnection c, long nowNanos);

    /**
     * Every connection is up (or gave up): {@code c} may start its load. Load waits for this so that it
     * cannot starve the handshakes still in progress: a saturated tracker answered upgrades so late that
     * the clients' 10 s handshake timeout closed more than half of 1,000 connections.
     */
    default void start(LoadConnection c, long nowNanos) {
    }

    /** {@code c} received one message; {@code m} is valid only during the call. */
    void received(LoadConnection c, ReceivedMessage m, long nowNanos);

    /** {@code c} received a pong whose payload started with {@code payload} (-1 when it had no 8 bytes). */
    default void ponged(LoadConnection c, long payload, long nowNanos) {
    }

    /** Open-loop mode: {@code c} should send its next request, meant to go at {@code intendedNanos}. */
    void tick(LoadConnection c, long intendedNanos);

    /** Whether {@link #tick} drives sending (false for scenarios that only hold connections). */
    boolean sendsRequests();

    /** Open loop: whether {@code c} sends on a schedule (the rate is spread over those that do). */
    default boolean ticks(LoadConnection c) {
        return true;
    }
}
