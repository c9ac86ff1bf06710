package org.signaltracker.core.signaling;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RoomEvents} for tests: records each event as text, {@code "target joined room [a, b]"},
 * {@code "target +room peer"} and {@code "target -room peer"}. Thread-safe (synchronized), since
 * concurrency tests share one.
 */
final class RecordingRoomEvents implements RoomEvents {

    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void joined(SignalingConnection joiner, String roomId, List<SignalingConnection> others) {
        events.add(joiner.name() + " joined " + roomId + " " + others.stream().map(SignalingConnection::name).toList());
    }

    @Override
    public synchronized void peerJoined(SignalingConnection target, String roomId, SignalingConnection peer) {
        events.add(target.name() + " +" + roomId + " " + peer.name());
    }

    @Override
    public synchronized void peerLeft(SignalingConnection target, String roomId, SignalingConnection peer) {
        events.add(target.name() + " -" + roomId + " " + peer.name());
    }

    synchronized List<String> drain() {
        List<String> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }
}
