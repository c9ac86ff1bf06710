package org.signaltracker.core.signaling;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.signaltracker.core.error.SignalingError;

/**
 * The named rooms of {@code /ws}: created by their first JOIN_ROOM, gone with their last member.
 *
 * <p>Thread-safe. Why these locks: joins to one room must be atomic (however many join at once, every two
 * members learn of each other exactly once), so each room is its own monitor and a join takes the member
 * snapshot and adds itself in one hold; joins to different rooms do not contend. The joining connection's
 * monitor is taken first (see {@link SignalingConnection}), and the events are reported while it is held
 * but after the room's lock is released, so a big room is locked only for a list copy.
 */
final class Rooms {

    private final ConcurrentHashMap<String, Room> byId = new ConcurrentHashMap<>();
    private final int maxMembers;
    private final int maxRoomsPerConnection;

    Rooms(int maxMembers, int maxRoomsPerConnection) {
        this.maxMembers = maxMembers;
        this.maxRoomsPerConnection = maxRoomsPerConnection;
    }

    /** Joins {@code conn} to {@code roomId}; returns null on success (or when the connection is gone). */
    SignalingError join(SignalingConnection conn, String roomId, RoomEvents events) {
        synchronized (conn) {
            if (conn.isGone()) {
                return null;
            }
            List<Room> mine = conn.rooms();
            for (Room room : mine) {
                if (room.id.equals(roomId)) {
                    return SignalingError.ALREADY_IN_ROOM;
                }
            }
            if (mine.size() >= maxRoomsPerConnection) {
                return SignalingError.TOO_MANY_ROOMS;
            }
            while (true) {
                Room room = byId.computeIfAbsent(roomId, Room::new);
                List<SignalingConnection> others;
                synchronized (room) {
                    if (room.removed) {
                        continue; // emptied and dropped since we found it: take the fresh one
                    }
                    if (room.members.size() >= maxMembers) {
                        return SignalingError.ROOM_FULL;
                    }
                    others = List.copyOf(room.members);
                    room.members.add(conn);
                }
                mine.add(room);
                events.joined(conn, roomId, others);
                for (SignalingConnection other : others) {
                    events.peerJoined(other, roomId, conn);
                }
                return null;
            }
        }
    }

    /** Takes {@code conn} out of {@code roomId}; returns null on success. */
    SignalingError leave(SignalingConnection conn, String roomId, RoomEvents events) {
        synchronized (conn) {
            if (conn.isGone()) {
                return null;
            }
            List<Room> mine = conn.rooms();
            for (int i = 0; i < mine.size(); i++) {
                Room room = mine.get(i);
                if (room.id.equals(roomId)) {
                    mine.remove(i);
                    leaveRoom(conn, room, events);
                    return null;
                }
            }
            return SignalingError.NOT_IN_ROOM;
        }
    }

    /** Takes {@code conn} out of every room; the caller holds {@code conn}'s monitor and marked it gone. */
    void leaveAll(SignalingConnection conn, RoomEvents events) {
        List<Room> mine = conn.rooms();
        for (Room room : mine) {
            leaveRoom(conn, room, events);
        }
        mine.clear();
    }

    private void leaveRoom(SignalingConnection conn, Room room, RoomEvents events) {
        List<SignalingConnection> others;
        synchronized (room) {
            room.members.remove(conn);
            others = List.copyOf(room.members);
            if (room.members.isEmpty()) {
                room.removed = true;
                byId.remove(room.id, room);
            }
        }
        for (SignalingConnection other : others) {
            events.peerLeft(other, room.id, conn);
        }
    }

    /** Rooms that exist now, for metrics and tests. */
    int size() {
        return byId.size();
    }

    /** The members of {@code roomId} now (a copy), for tests. */
    List<SignalingConnection> members(String roomId) {
        Room room = byId.get(roomId);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return List.copyOf(room.members);
        }
    }
}
