package org.signaltracker.core.signaling;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.signaltracker.core.time.Clock;

/**
 * The keyed rooms of seed 000: creation with fresh keys, the key check before the upgrade, joins with a
 * role, relay targets inside a room, and expiry of rooms left empty.
 *
 * <p>Thread-safe: rooms live in a concurrent map; each room is its own monitor for joins and leaves (see
 * {@link KeyedRoom}); the per-address and total counts are atomic, taken before a room is created and given
 * back when it expires, so the limits hold under concurrent {@code POST /room}s.
 */
final class KeyedRooms {

    /** What {@code POST /room} got: a room, or the limit that refused it. */
    record Creation(KeyedRoom room, String masterKey, String clientKey, Refusal refusal) {
    }

    /** Why a room was not created, with the HTTP status the edge answers. */
    enum Refusal {
        TOO_MANY_FOR_ADDRESS(429, "too many rooms from this address (signaling.maxKeyedRoomsPerAddress)"),
        TOO_MANY_ROOMS(503, "too many rooms (signaling.maxKeyedRooms)");

        final int httpStatus;
        final String message;

        Refusal(int httpStatus, String message) {
            this.httpStatus = httpStatus;
            this.message = message;
        }
    }

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ConcurrentHashMap<String, KeyedRoom> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final int idleSeconds;
    private final int maxPerAddress;
    private final int maxRooms;
    private final int maxMembers;

    KeyedRooms(Clock clock, int idleSeconds, int maxPerAddress, int maxRooms, int maxMembers) {
        this.clock = clock;
        this.idleSeconds = idleSeconds;
        this.maxPerAddress = maxPerAddress;
        this.maxRooms = maxRooms;
        this.maxMembers = maxMembers;
    }

    Creation create(String address) {
        if (total.incrementAndGet() > maxRooms) {
            total.decrementAndGet();
            return new Creation(null, null, null, Refusal.TOO_MANY_ROOMS);
        }
        boolean[] refused = {false};
        perAddress.compute(address, (a, count) -> {
            int next = (count == null ? 0 : count) + 1;
            refused[0] = next > maxPerAddress;
            return refused[0] ? count : Integer.valueOf(next);
        });
        if (refused[0]) {
            total.decrementAndGet();
            return new Creation(null, null, null, Refusal.TOO_MANY_FOR_ADDRESS);
        }
        // 128 bits for the id and 192 for each key, from the CSPRNG; base64url needs no escaping anywhere.
        String masterKey = token(24);
        String clientKey = token(24);
        while (true) {
            String id = token(16);
            KeyedRoom room = new KeyedRoom(id, masterKey, clientKey, address, clock.nowSeconds());
            if (byId.putIfAbsent(id, room) == null) {
                return new Creation(room, masterKey, clientKey, null);
            }
        }
    }

    KeyedRoom room(String id) {
        return id == null ? null : byId.get(id);
    }

    boolean isFull(KeyedRoom room) {
        synchronized (room) {
            return room.memberCount() >= maxMembers;
        }
    }

    /**
     * Adds {@code conn} with {@code role}; returns false when the room expired or is full meanwhile. A master
     * replaces the previous one (returned through {@code replaced[0]}, for the caller to close) and is told
     * of every client; a client is announced to the master.
     */
    boolean join(KeyedRoom room, SignalingConnection conn, KeyedRole role, RoomEvents events,
            SignalingConnection[] replaced) {
        synchronized (conn) {
            synchronized (room) {
                if (room.removed || (room.memberCount() >= maxMembers && !(role == KeyedRole.MASTER
                        && room.master() != null))) {
                    return false;
                }
                String peerId;
                do {
                    peerId = token(12);
                } while (room.clients.containsKey(peerId));
                conn.name(peerId);
                conn.keyed(room, role);
                if (role == KeyedRole.MASTER) {
                    replaced[0] = room.master();
                    room.master(conn);
                } else {
                    room.clients.put(peerId, conn);
                }
            }
            SignalingConnection master = room.master();
            if (role == KeyedRole.MASTER) {
                List<SignalingConnection> clients = new ArrayList<>(room.clients.values());
                events.joined(conn, room.id, clients);
                for (SignalingConnection client : clients) {
                    events.peerJoined(conn, room.id, client);
                }
            } else {
                events.joined(conn, room.id, List.of());
                if (master != null) {
                    events.peerJoined(master, room.id, conn);
                }
            }
            return true;
        }
    }

    /** Takes {@code conn} out of its room; the caller holds {@code conn}'s monitor and marked it gone. */
    void leave(SignalingConnection conn, RoomEvents events) {
        KeyedRoom room = conn.keyedRoom();
        if (room == null) {
            return;
        }
        SignalingConnection master;
        boolean wasClient;
        synchronized (room) {
            wasClient = room.clients.remove(conn.name(), conn);
            if (room.master() == conn) {
                room.master(null);
            }
            master = room.master();
            if (room.memberCount() == 0) {
                room.emptySinceSeconds = clock.nowSeconds();
            }
        }
        if (wasClient && master != null) {
            events.peerLeft(master, room.id, conn);
        }
    }

    /** Drops rooms empty for the idle time; returns how many. */
    int sweep() {
        int now = clock.nowSeconds();
        int removed = 0;
        for (KeyedRoom room : byId.values()) {
            synchronized (room) {
                if (room.removed || room.memberCount() > 0 || now - room.emptySinceSeconds < idleSeconds) {
                    continue;
                }
                room.removed = true;
            }
            byId.remove(room.id, room);
            giveBack(room.creatorAddress);
            total.decrementAndGet();
            removed++;
        }
        return removed;
    }

    int size() {
        return byId.size();
    }

    private void giveBack(String address) {
        perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    private String token(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return BASE64URL.encodeToString(raw);
    }
}
