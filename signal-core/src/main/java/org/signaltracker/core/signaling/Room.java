package org.signaltracker.core.signaling;

import java.util.ArrayList;
import java.util.List;

/**
 * One named room of {@code /ws} JOIN_ROOM: its members in join order. Guarded by its own monitor; a room
 * removed from {@link Rooms} when its last member left is marked {@code removed}, so a joiner that found
 * it just before retries with a fresh one.
 */
final class Room {

    final String id;
    final List<SignalingConnection> members = new ArrayList<>(4);
    boolean removed;

    Room(String id) {
        this.id = id;
    }
}
