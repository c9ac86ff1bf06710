package org.signaltracker.core.protocol.signaling;

import java.nio.charset.StandardCharsets;

/**
 * The {@code type} values of the native {@code /ws} and keyed {@code /ws/{roomId}} dialects (seed 001's
 * vocabulary, UPPER_SNAKE), split by direction. Immutable.
 */
public enum SignalingType {
    // Client to server.
    IDENTIFY(true, false),
    JOIN_ROOM(true, false),
    LEAVE_ROOM(true, false),
    SDP_OFFER(true, true),
    SDP_ANSWER(true, true),
    ICE_CANDIDATE(true, true),
    PRESENCE(true, false),
    // Server to client (PRESENCE is both).
    AUTH_SUCCESS(false, false),
    AUTH_ERROR(false, false),
    ROOM_MEMBERS(false, false),
    NEW_PEER_IN_ROOM(false, false),
    PEER_LEFT_ROOM(false, false),
    WELCOME(false, false),
    ERROR(false, false);

    /** Whether clients may send it. */
    public final boolean inbound;
    /** Whether it is relayed to {@code toPeerId} with {@code fromPeerId} stamped. */
    public final boolean relayed;
    final byte[] wire;

    SignalingType(boolean inbound, boolean relayed) {
        this.inbound = inbound;
        this.relayed = relayed;
        this.wire = name().getBytes(StandardCharsets.US_ASCII);
    }

    private static final SignalingType[] INBOUND = {IDENTIFY, JOIN_ROOM, LEAVE_ROOM, SDP_OFFER, SDP_ANSWER,
        ICE_CANDIDATE, PRESENCE};

    /** The inbound type a raw string token names (escapes decoded), or null. Allocates nothing without escapes. */
    static SignalingType inbound(byte[] buf, int start, int end) {
        for (SignalingType type : INBOUND) {
            if (org.signaltracker.core.protocol.json.JsonStrings.equals(buf, start, end, type.wire)) {
                return type;
            }
        }
        return null;
    }
}
