package org.signaltracker.core.protocol.signaling;

import org.signaltracker.core.signaling.Dialect;
import org.signaltracker.core.signaling.KeyedRole;

/**
 * What a signaling upgrade route decided before the handshake, handed to
 * {@link SignalingDispatcher#open}: the dialect, and for {@code /ws/{roomId}} the room and role the key
 * granted, for {@code /v1/connect} the registered user the cookie proved. Immutable.
 */
public record SignalingGrant(Dialect dialect, String roomId, KeyedRole role, String username) {

    /** {@code /ws}: nothing is known until IDENTIFY. */
    public static final SignalingGrant NATIVE = new SignalingGrant(Dialect.NATIVE, null, null, null);

    public static SignalingGrant keyed(String roomId, KeyedRole role) {
        return new SignalingGrant(Dialect.KEYED, roomId, role, null);
    }

    public static SignalingGrant v1(String username) {
        return new SignalingGrant(Dialect.V1, null, null, username);
    }
}
