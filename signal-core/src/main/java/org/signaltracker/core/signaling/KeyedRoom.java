package org.signaltracker.core.signaling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One keyed room of seed 000 ({@code POST /room}): its id and two keys, at most one master and any number
 * of clients by their server-assigned peer ids.
 *
 * <p>Thread-safe. Joins and leaves hold the room's monitor, so the master learns of each client exactly
 * once; relay lookups ({@link #master()}, {@link #client}) read a volatile field and a concurrent map
 * without locking. {@code emptySinceSeconds} and {@code removed} are guarded by the monitor.
 */
public final class KeyedRoom {

    final String id;
    final String creatorAddress;
    private final byte[] masterKey;
    private final byte[] clientKey;
    private volatile SignalingConnection master;
    final ConcurrentHashMap<String, SignalingConnection> clients = new ConcurrentHashMap<>();
    int emptySinceSeconds;
    boolean removed;

    KeyedRoom(String id, String masterKey, String clientKey, String creatorAddress, int nowSeconds) {
        this.id = id;
        this.masterKey = masterKey.getBytes(StandardCharsets.US_ASCII);
        this.clientKey = clientKey.getBytes(StandardCharsets.US_ASCII);
        this.creatorAddress = creatorAddress;
        this.emptySinceSeconds = nowSeconds;
    }

    public String id() {
        return id;
    }

    /** The role {@code key} grants, or null; compared in constant time, both keys always checked. */
    KeyedRole roleFor(String key) {
        if (key == null) {
            return null;
        }
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        boolean isMaster = MessageDigest.isEqual(masterKey, given);
        boolean isClient = MessageDigest.isEqual(clientKey, given);
        return isMaster ? KeyedRole.MASTER : isClient ? KeyedRole.CLIENT : null;
    }

    public SignalingConnection master() {
        return master;
    }

    public SignalingConnection client(String peerId) {
        return clients.get(peerId);
    }

    /** Under the monitor. */
    void master(SignalingConnection conn) {
        master = conn;
    }

    /** Under the monitor. */
    int memberCount() {
        return clients.size() + (master == null ? 0 : 1);
    }
}
