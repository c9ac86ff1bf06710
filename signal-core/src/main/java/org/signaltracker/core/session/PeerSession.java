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

    /** Closes the connection with a WebSocket close code and a short reason. Idempotent. */
    void close(int closeCode, String reason);

    /** The remote address as text, for logs only. */
    String remoteAddress();
}
