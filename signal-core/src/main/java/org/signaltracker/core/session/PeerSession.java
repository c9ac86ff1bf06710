package org.signaltracker.core.session;

/**
 * The core's port to one client connection. The transport (signal-netty) implements it; the core and the
 * protocol dispatchers only ever see this interface, so they stay free of any network library.
 *
 * <p>Implementations are thread-safe: {@link #send} and {@link #close} may be called from any thread
 * (a relay from one connection is sent to a peer whose connection lives on another event loop).
 */
public interface PeerSession {

    /** A process-unique number for this connection, for logs and metrics. */
    long id();

    /**
     * Queues one complete text message for this peer. The bytes are copied before the call returns, so
     * the caller may reuse its buffer at once.
     *
     * @return false when the message was dropped: the connection is closed, or its outbound buffer is
     *     over the high water mark (back-pressure). Drops are counted by the implementation.
     */
    boolean send(byte[] bytes, int offset, int length);

    /**
     * Queues one complete text message that must arrive, in order with every other message to this peer
     * (signaling relays and room events, issue 8 section 1). Unlike {@link #send}, being over the high water
     * mark is no reason to drop it: the implementation queues it, bounded per connection by
     * {@code signaling.reliableQueueBytes} (counted with {@link org.signaltracker.core.limit.ReliableQueueBound}).
     * A peer whose queue would pass the bound, or that stays unwritable for
     * {@code websocket.unwritableCloseSeconds}, is closed instead (1013), and is then offline. The bytes are
     * copied before the call returns.
     *
     * <p>The default falls back to {@link #send} for implementations that predate reliable delivery (test
     * doubles); the WebSocket session must override it.
     *
     * @return false only when the message could not be queued: the connection is closed or closing
     */
    default boolean sendReliable(byte[] bytes, int offset, int length) {
        return send(bytes, offset, length);
    }

    /** Closes the connection with a WebSocket close code and a short reason. Idempotent. */
    void close(int closeCode, String reason);

    /** The client address as text (the one a trusted proxy named, else the TCP peer), for logs only. */
    String remoteAddress();
}
