package org.signaltracker.core.session;

/**
 * Every WebSocket close code the daemon sends, with the reason text it sends beside it: the one table of
 * close codes (RFC 6455 section 7.4.1 for the 1000 range). Also decides which codes a client may send,
 * so a close frame with any other code is answered with {@link #PROTOCOL_ERROR}. Immutable.
 */
public enum CloseCode {

    /** The server is stopping, or a connection was idle too long. */
    GOING_AWAY(1001, "going away"),
    /** A frame broke the protocol, including a close frame with an invalid code or a reason that is not UTF-8. */
    PROTOCOL_ERROR(1002, "protocol error"),
    /** A text message that is not UTF-8. */
    INVALID_PAYLOAD(1007, "invalid UTF-8 in a text message"),
    /** A connection that kept sending after it was told it was over its message rate. */
    POLICY_VIOLATION(1008, "message rate exceeded"),
    /** A frame or a joined message over the size limit. */
    MESSAGE_TOO_BIG(1009, "message too big"),
    /** The daemon is near its memory budget and this connection held the most of it. */
    TRY_AGAIN_LATER(1013, "server busy: buffer budget exceeded"),
    /** Signaling: another connection took this one's name (a replace policy, a valid token, or /v1 again). */
    REPLACED(4001, "replaced by a newer connection"),
    /** Signaling: an administrator closed every /v1/connect connection. */
    KICKED(4002, "kicked by an administrator"),
    /** Signaling: a /ws connection sent no successful IDENTIFY within signaling.unidentifiedTimeoutSeconds. */
    NOT_IDENTIFIED_IN_TIME(4003, "not identified in time"),
    /** Signaling: a /v1/connect upgrade whose registration expired before the connection opened. */
    REGISTRATION_GONE(4004, "registration expired: register again");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** The default reason text sent with the code. */
    public String reason() {
        return reason;
    }

    /**
     * Whether a peer may send {@code code} in a close frame (RFC 6455 section 7.4): the defined codes
     * 1000-1003 and 1007-1014, and 3000-4999 for libraries and applications. 1004-1006 and 1015 are
     * reserved for use outside frames; everything else is unassigned.
     */
    public static boolean isValidFromPeer(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
