package org.signaltracker.core.signaling;

import java.util.List;

/**
 * Where the hub reports membership changes, so each dialect can word them: implemented by the calling
 * event loop's dispatcher, which encodes and sends. The hub calls it while it holds the lock of the
 * connection whose membership changed (never a room's lock), so for any one subject its join is always
 * reported before its leave. Implementations must not block and must not call back into the hub.
 */
public interface RoomEvents {

    /** {@code joiner} is now in {@code roomId}; {@code others} are the members it found there. */
    void joined(SignalingConnection joiner, String roomId, List<SignalingConnection> others);

    /** Tells {@code target} that {@code peer} joined {@code roomId}. */
    void peerJoined(SignalingConnection target, String roomId, SignalingConnection peer);

    /** Tells {@code target} that {@code peer} left {@code roomId}. */
    void peerLeft(SignalingConnection target, String roomId, SignalingConnection peer);
}
