package org.signaltracker.core.error;

/**
 * Every error a signaling connection can be sent, with the numeric {@code code} (always a JSON number on the
 * wire) and the {@code message}: the one table of signaling error codes. Immutable.
 *
 * <p>Where the meaning matches, the code is the OWT P2P client SDK's ({@code p2p/error.js}), so OWT-style
 * clients understand it: 2103 unsupported client version, 2120 not authenticated, 2121 wrong username or
 * token, 2201 remote user unreachable. Our own codes are 2600-2699. Several entries share 2603 ("missing or
 * invalid field"): the code says what kind of mistake it is, the message names the field.
 */
public enum SignalingError {

    // OWT client SDK codes.
    UNSUPPORTED_CLIENT_VERSION(2103, "client version not supported"),
    NOT_IDENTIFIED(2120, "not identified: send IDENTIFY first"),
    AUTH_FAILED(2121, "invalid token: missing, expired, forged or for another username"),
    TARGET_UNREACHABLE(2201, "Remote user cannot be reached: the target is not online"),
    NO_MASTER(2201, "Remote user cannot be reached: the room has no master"),

    // 2600-2609: the message could not be understood.
    MALFORMED_JSON(2600, "invalid JSON: each message must be one JSON object (RFC 8259)"),
    NOT_AN_OBJECT(2601, "invalid message: expected a JSON object with a string type"),
    UNKNOWN_TYPE(2602, "unknown type"),
    MISSING_ROOM_ID(2603, "missing or invalid roomId: 1 to 64 characters of A-Z a-z 0-9 _ . -"),
    MISSING_TO_PEER_ID(2603, "missing or invalid toPeerId: expected a string"),
    MISSING_PEER_IDS(2603, "missing or invalid peerIds: expected an array of at most 1000 strings"),
    MISSING_TARGET(2603, "missing or invalid target: expected a string"),
    MISSING_V1_TYPE(2603, "missing or invalid type: expected a non-empty string"),
    MISSING_PAYLOAD(2603, "missing payload"),
    INVALID_USERNAME(2604, "invalid username: 1 to 64 characters of A-Z a-z 0-9 _ . -"),
    BINARY_FRAME(2605, "binary frames are not accepted: send each message as one text frame"),

    // 2610-2629: understood, but not allowed now.
    USERNAME_TAKEN(2610, "Username already taken"),
    ALREADY_IDENTIFIED(2611, "already identified"),
    NOT_IN_ROOM(2612, "not in that room"),
    ALREADY_IN_ROOM(2613, "already in that room"),
    KEYED_RELAY_ONLY(2614, "a keyed-room connection sends only SDP_OFFER, SDP_ANSWER and ICE_CANDIDATE"),

    // 2630-2649: limits.
    RATE_EXCEEDED(2630, "message rate exceeded: the message was not handled (signaling.messagesPerSecond)"),
    ROOM_FULL(2631, "room is full (signaling.maxRoomMembers)"),
    TOO_MANY_ROOMS(2632, "in too many rooms at once (signaling.maxRoomsPerConnection)");

    private final int code;
    private final String message;

    SignalingError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }
}
