package org.signaltracker.core.session;

/**
 * The core's port for "a protocol spoken on one connection": the transport opens a connection once its
 * handshake is done, hands over every complete message, and reports the close exactly once. The WebTorrent
 * tracker and the signaling hub each implement it, so the transport knows neither of them; the upgrade
 * route picks which protocol a connection speaks, and {@code grant} carries what that route decided
 * before the handshake (a keyed room and role, a registered user; nothing for the tracker).
 *
 * <p>Implementations are confined to one event loop: the transport keeps one instance per protocol per
 * loop and calls it only from that loop, for that loop's connections. Nothing here may block.
 *
 * @param <C> the protocol's per-connection state
 * @param <G> what the upgrade route granted before the handshake ({@code Void} when nothing)
 */
public interface SessionProtocol<C, G> {

    /**
     * The handshake response was written: the connection joins the protocol. Returns its state, or null
     * when the protocol closed {@code session} at once (for example a grant that expired since the
     * upgrade was authorised); the transport then delivers nothing more.
     */
    C open(PeerSession session, G grant);

    /**
     * One complete message, in {@code buf[offset, offset + length)}, which the protocol may read only during
     * the call. {@code text} tells a text message from a binary one.
     */
    void onMessage(C connection, byte[] buf, int offset, int length, boolean text);

    /** The connection closed, by close frame or dropped TCP; called once, after which it gets nothing more. */
    void onClose(C connection);

    /**
     * Seconds after {@link #open} at which the transport calls {@link #onDeadline} once (0: never); for a
     * connection that must prove who it is in time.
     */
    default int deadlineSeconds(C connection) {
        return 0;
    }

    /** The deadline of {@link #deadlineSeconds} passed while the connection was still open. */
    default void onDeadline(C connection) {
    }
}
