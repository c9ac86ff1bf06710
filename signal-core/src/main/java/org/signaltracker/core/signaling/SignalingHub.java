package org.signaltracker.core.signaling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.limit.MessageRate;
import org.signaltracker.core.session.CloseCode;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.Clock;

/**
 * The signaling hub: one namespace of identities, named rooms, keyed rooms, registrations and relay
 * targets, shared by every dialect. The edge (HTTP routes, upgrades) and the per-loop
 * {@code SignalingDispatcher} call it; it knows no wire format and no transport.
 *
 * <p>Thread-safe: connections live on several event loops and call it at once. Each part locks only what
 * one change touches (see {@link Identities}, {@link Rooms}, {@link KeyedRooms}); relay lookups take no
 * lock. Nothing here blocks; membership events are reported through the caller's {@link RoomEvents}.
 */
public final class SignalingHub {

    /** The HTTP outcome of {@code POST /v1/register}: status, and the cookie value on 200. */
    public record Registration(int httpStatus, String cookieValue, String message) {
    }

    /** The HTTP outcome of {@code POST /room}: 201 with the room and keys, or the refusal's status. */
    public record KeyedCreation(int httpStatus, String roomId, String masterKey, String clientKey, String message) {
    }

    /** The key check before a keyed upgrade: a role, or the HTTP status that refuses the upgrade. */
    public enum KeyedAccess {
        MASTER(101, KeyedRole.MASTER, ""),
        CLIENT(101, KeyedRole.CLIENT, ""),
        UNKNOWN_ROOM(404, null, "no such room"),
        WRONG_KEY(403, null, "missing or wrong key for this room"),
        ROOM_FULL(409, null, "room is full (signaling.maxRoomMembers)");

        public final int httpStatus;
        public final KeyedRole role;
        public final String message;

        KeyedAccess(int httpStatus, KeyedRole role, String message) {
            this.httpStatus = httpStatus;
            this.role = role;
            this.message = message;
        }
    }

    /** The admin token check: 404 when the admin routes are off, 401 for a wrong or missing token. */
    public enum AdminAccess {
        GRANTED(200), DENIED(401), OFF(404);

        public final int httpStatus;

        AdminAccess(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    private final SignalingConfig config;
    private final Clock clock;
    private final Authenticator authenticator;
    private final ClientVersions versions;
    private final SessionCookies cookies;
    private final Identities identities;
    private final Rooms rooms;
    private final KeyedRooms keyedRooms;
    private final byte[] adminToken;

    public SignalingHub(SignalingConfig config, Clock clock, Authenticator authenticator) {
        this.config = config;
        this.clock = clock;
        this.authenticator = authenticator;
        this.versions = new ClientVersions(config.clientVersions());
        this.cookies = new SessionCookies(config.hmacSecret());
        this.identities = new Identities(clock, config.registrationTtlSeconds(), config.maxRegistrations());
        this.rooms = new Rooms(config.maxRoomMembers(), config.maxRoomsPerConnection());
        this.keyedRooms = new KeyedRooms(clock, config.keyedRoomIdleSeconds(), config.maxKeyedRoomsPerAddress(),
                config.maxKeyedRooms(), config.maxRoomMembers());
        this.adminToken = config.adminToken().getBytes(StandardCharsets.UTF_8);
    }

    /** The hub for {@code config}: the authenticator its {@code authMode} names, tokens checked on wall time. */
    public static SignalingHub create(SignalingConfig config, Clock clock) {
        Authenticator authenticator = config.hmac()
                ? new HmacAuthenticator(config.hmacSecret(), () -> System.currentTimeMillis() / 1000)
                : Authenticator.none();
        return new SignalingHub(config, clock, authenticator);
    }

    public SignalingConfig config() {
        return config;
    }

    /** A new connection of {@code dialect}, not yet named: the dispatcher's open step calls this. */
    public SignalingConnection connection(PeerSession session, Dialect dialect) {
        return connection(session, dialect, new MessageRate(config.messagesPerSecond(), config.messageBurst()));
    }

    /** As {@link #connection(PeerSession, Dialect)}, refilling at {@code rate}, which its event loop shares. */
    public SignalingConnection connection(PeerSession session, Dialect dialect, MessageRate rate) {
        long now = clock.nowMillis();
        return new SignalingConnection(session, dialect, new MessageBudget(rate, now), now);
    }

    // ---- /ws identities ----

    /**
     * IDENTIFY: checks the name, the client version and the authenticator, then claims the name (taking it
     * over from an older connection under the replace policy or with a proven token). Returns null on
     * success; otherwise the error for AUTH_ERROR ({@link SignalingError#ALREADY_IDENTIFIED} is for ERROR).
     */
    public SignalingError identify(SignalingConnection conn, String username, String token, String clientVersion,
            RoomEvents events) {
        if (conn.isIdentified()) {
            return SignalingError.ALREADY_IDENTIFIED;
        }
        if (!Names.isValid(username)) {
            return SignalingError.INVALID_USERNAME;
        }
        if (!versions.accepts(clientVersion)) {
            return SignalingError.UNSUPPORTED_CLIENT_VERSION;
        }
        if (!authenticator.authenticate(username, token)) {
            return SignalingError.AUTH_FAILED;
        }
        boolean replace = config.replaceDuplicates() || authenticator.provenReplaces();
        Identities.Claim claim = identities.claim(username, conn, replace);
        if (claim.taken()) {
            return SignalingError.USERNAME_TAKEN;
        }
        if (claim.replaced() != null) {
            retire(claim.replaced(), CloseCode.REPLACED, events);
        }
        return null;
    }

    /** The connection online as {@code name} on {@code /ws} or {@code /v1}, or null. No lock, no allocation. */
    public SignalingConnection online(String name) {
        SignalingConnection target = identities.online(name);
        return target == null || target.isGone() ? null : target;
    }

    /** JOIN_ROOM; null on success. The room id must follow the name rule (checked here). */
    public SignalingError join(SignalingConnection conn, String roomId, RoomEvents events) {
        if (!Names.isValid(roomId)) {
            return SignalingError.MISSING_ROOM_ID;
        }
        return rooms.join(conn, roomId, events);
    }

    /** LEAVE_ROOM; null on success. */
    public SignalingError leave(SignalingConnection conn, String roomId, RoomEvents events) {
        if (!Names.isValid(roomId)) {
            return SignalingError.MISSING_ROOM_ID;
        }
        return rooms.leave(conn, roomId, events);
    }

    /**
     * The connection closed (close frame or dropped TCP): it leaves every room at once and releases its name
     * if it still holds it. Idempotent; a connection already replaced or kicked only has nothing left to do.
     */
    public void close(SignalingConnection conn, RoomEvents events) {
        retire(conn, null, events);
    }

    // ---- /v1 registrations and sessions ----

    /** {@code POST /v1/register}: 200 with the cookie value, 400 invalid, 409 taken, 503 full. */
    public Registration register(String username) {
        if (!Names.isValid(username)) {
            return new Registration(400, null, SignalingError.INVALID_USERNAME.message());
        }
        return switch (identities.register(username)) {
            case REGISTERED -> new Registration(200, cookies.value(username), "");
            case TAKEN -> new Registration(409, null, SignalingError.USERNAME_TAKEN.message());
            case FULL -> new Registration(503, null, "too many registrations (signaling.maxRegistrations)");
        };
    }

    /**
     * The registered user a {@code user_username} cookie value proves, or null (no cookie, forged, never
     * registered, expired). A hit counts as use. For {@code GET /v1/user} and before a {@code /v1/connect} upgrade.
     */
    public String registeredUser(String cookieValue) {
        String username = cookies.username(cookieValue);
        return username != null && identities.touchRegistration(username) ? username : null;
    }

    /**
     * Puts a {@code /v1/connect} connection online as its registered user, replacing any older connection of
     * that name (4001). False when the registration expired since the upgrade was authorised: close it.
     */
    public boolean openV1(SignalingConnection conn, String username, RoomEvents events) {
        Identities.Claim claim = identities.claimRegistered(username, conn);
        if (claim.taken()) {
            return false;
        }
        if (claim.replaced() != null) {
            retire(claim.replaced(), CloseCode.REPLACED, events);
        }
        return true;
    }

    /** The {@code Authorization} header check of the admin routes, in constant time. */
    public AdminAccess adminAccess(String authorization) {
        if (adminToken.length == 0) {
            return AdminAccess.OFF;
        }
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return AdminAccess.DENIED;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(adminToken, given) ? AdminAccess.GRANTED : AdminAccess.DENIED;
    }

    /** Closes every {@code /v1/connect} connection with 4002 and takes it offline at once; returns how many. */
    public int kickV1(RoomEvents events) {
        List<SignalingConnection> victims = new ArrayList<>();
        for (SignalingConnection conn : identities.onlineConnections()) {
            if (conn.dialect() == Dialect.V1) {
                victims.add(conn);
            }
        }
        int kicked = 0;
        for (SignalingConnection conn : victims) {
            if (retire(conn, CloseCode.KICKED, events)) {
                kicked++;
            }
        }
        return kicked;
    }

    // ---- keyed rooms ----

    /** {@code POST /room} from {@code address}. */
    public KeyedCreation createKeyedRoom(String address) {
        KeyedRooms.Creation c = keyedRooms.create(address);
        if (c.refusal() != null) {
            return new KeyedCreation(c.refusal().httpStatus, null, null, null, c.refusal().message);
        }
        return new KeyedCreation(201, c.room().id, c.masterKey(), c.clientKey(), "");
    }

    /**
     * The check before a keyed upgrade, with the key the request carried ({@code key}, else {@code mKey},
     * else {@code cKey}; null when none).
     */
    public KeyedAccess keyedAccess(String roomId, String key) {
        KeyedRoom room = keyedRooms.room(roomId);
        if (room == null) {
            return KeyedAccess.UNKNOWN_ROOM;
        }
        KeyedRole role = room.roleFor(key);
        if (role == null) {
            return KeyedAccess.WRONG_KEY;
        }
        if (role == KeyedRole.CLIENT && keyedRooms.isFull(room)) {
            return KeyedAccess.ROOM_FULL;
        }
        return role == KeyedRole.MASTER ? KeyedAccess.MASTER : KeyedAccess.CLIENT;
    }

    /**
     * Puts a keyed connection into its room with a fresh peer id; the events start with {@code joined} (the
     * WELCOME). A second master replaces the first (4001). False when the room expired or filled since the
     * upgrade was authorised: close the connection with 1013.
     */
    public boolean openKeyed(SignalingConnection conn, String roomId, KeyedRole role, RoomEvents events) {
        KeyedRoom room = keyedRooms.room(roomId);
        if (room == null) {
            return false;
        }
        SignalingConnection[] replaced = new SignalingConnection[1];
        if (!keyedRooms.join(room, conn, role, events, replaced)) {
            return false;
        }
        if (replaced[0] != null) {
            retire(replaced[0], CloseCode.REPLACED, events);
        }
        return true;
    }

    /** The peer of {@code conn}'s keyed room named {@code peerId}, or null. No lock, no allocation. */
    public SignalingConnection keyedPeer(SignalingConnection conn, String peerId) {
        KeyedRoom room = conn.keyedRoom();
        if (room == null) {
            return null;
        }
        SignalingConnection master = room.master();
        SignalingConnection target = master != null && peerId.equals(master.name()) ? master : room.client(peerId);
        return target == null || target.isGone() ? null : target;
    }

    /** The master of {@code conn}'s keyed room, or null. */
    public SignalingConnection keyedMaster(SignalingConnection conn) {
        KeyedRoom room = conn.keyedRoom();
        SignalingConnection master = room == null ? null : room.master();
        return master == null || master.isGone() ? null : master;
    }

    // ---- housekeeping ----

    /**
     * Expires unused registrations and keyed rooms left empty. Visits every name and keyed room: the edge
     * calls it from one timer every few seconds, off the hot path.
     */
    public void sweep() {
        identities.sweep();
        keyedRooms.sweep();
    }

    /** Live counts for metrics and tests: identities (online or registered), named rooms, keyed rooms. */
    public int identityCount() {
        return identities.size();
    }

    public int roomCount() {
        return rooms.size();
    }

    public int keyedRoomCount() {
        return keyedRooms.size();
    }

    /** The members of a named room now, for tests and diagnostics. */
    public List<SignalingConnection> roomMembers(String roomId) {
        return rooms.members(roomId);
    }

    /**
     * Takes {@code conn} offline for good: out of every room, its name released if it still holds it, and
     * closed with {@code code} unless the transport closed it already (null). False if it already was.
     */
    private boolean retire(SignalingConnection conn, CloseCode code, RoomEvents events) {
        synchronized (conn) {
            if (!conn.markGone()) {
                return false;
            }
            rooms.leaveAll(conn, events);
            keyedRooms.leave(conn, events);
        }
        identities.release(conn);
        if (code != null) {
            conn.session().close(code.code(), code.reason());
        }
        return true;
    }
}
