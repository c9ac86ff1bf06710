package org.signaltracker.bench.load;

/**
 * What the simulated clients do. Callbacks run on the event loop of the connection they name.
 */
interface Scenario {

    /** The WebSocket handshake of {@code c} completed. */
    void opened(LoadConnection c, long nowNanos);

    /** {@code c} received one message. */
    void received(LoadConnection c, String message, LoadMessages.Kind kind, long nowNanos);

    /** Open-loop mode: {@code c} should send its next request, meant to go at {@code intendedNanos}. */
    void tick(LoadConnection c, long intendedNanos);

    /** Whether {@link #tick} drives sending (false for scenarios that only hold connections). */
    boolean sendsRequests();
}
