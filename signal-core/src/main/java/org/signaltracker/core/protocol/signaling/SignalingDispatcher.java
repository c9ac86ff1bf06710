package org.signaltracker.core.protocol.signaling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.limit.MessageRate;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.protocol.json.JsonMembers;
import org.signaltracker.core.protocol.json.JsonStrings;
import org.signaltracker.core.protocol.json.JsonSyntax;
import org.signaltracker.core.session.CloseCode;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.session.SessionProtocol;
import org.signaltracker.core.signaling.Dialect;
import org.signaltracker.core.signaling.KeyedRole;
import org.signaltracker.core.signaling.RoomEvents;
import org.signaltracker.core.signaling.SignalingConnection;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.Clock;

/**
 * Handles the signaling connections of one event loop: message bytes in, decode, the hub's decision,
 * encode, {@link PeerSession#sendReliable} to the targets. The one place where {@link SignalingError}s
 * become wire errors ({@code ERROR}, {@code AUTH_ERROR} or the {@code /v1} error shape). Never throws on
 * bad input; a bad message gets its error and the connection stays open.
 *
 * <p>What the edge must provide, per connection (all calls on the connection's own event loop):
 * <ul>
 *   <li>open: {@link #openNative} for {@code /ws}, {@link #openV1} for {@code /v1/connect} after
 *       {@link SignalingHub#registeredUser} accepted the cookie, {@link #openKeyed} for
 *       {@code /ws/{roomId}} after {@link SignalingHub#keyedAccess} granted a role; each after the 101 is
 *       sent. A null return means the connection was closed (it raced an expiry).</li>
 *   <li>{@link #onText} for each complete text message (the transport has already enforced
 *       {@code websocket.maxFrameBytes}/{@code maxMessageBytes} with 1009); invalid UTF-8 is found here
 *       and closes with 1007. {@link #onBinary} for each binary message.</li>
 *   <li>{@link #onClose} once when the connection closes, by close frame or dropped TCP: the peer leaves
 *       its rooms and goes offline at once.</li>
 *   <li>{@link #onIdentifyDeadline} once, {@code signaling.unidentifiedTimeoutSeconds} after a {@code /ws}
 *       open (a scheduled task on the loop).</li>
 *   <li>A {@link PeerSession} whose {@code sendReliable} never drops for slowness: it queues up to
 *       {@code signaling.reliableQueueBytes} (see {@link org.signaltracker.core.limit.ReliableQueueBound})
 *       and closes the peer with 1013 beyond that or after {@code websocket.unwritableCloseSeconds}
 *       unwritable. That is the smallest port change for "ordered and reliable, bounded per connection";
 *       pausing the sender's reads instead would let one slow reader stall every peer that talks to it.</li>
 * </ul>
 *
 * <p>Not thread-safe: one per event loop, reusing its decoder and encoder, so a relay allocates nothing
 * here (the session copies the bytes). It is also the {@link RoomEvents} of the hub calls it makes.
 */
public final class SignalingDispatcher implements RoomEvents, SessionProtocol<SignalingConnection, SignalingGrant> {

    private static final int MAX_PRESENCE_IDS = 1000;

    private final SignalingHub hub;
    private final SignalingMetrics metrics;
    private final Clock clock;
    /** The loop's connections refill at this rate; a reload changes it on the loop ({@link #reconfigure}). */
    private final MessageRate rate;
    private int floodCloseAfter;
    private int unidentifiedTimeoutSeconds;
    private final SignalingDecoder decoder = new SignalingDecoder();
    private final SignalingEncoder encoder = new SignalingEncoder();
    private final JsonMembers peerIds = new JsonMembers();
    private final TargetNames targetNames = new TargetNames();
    private byte[] copy = new byte[0];

    public SignalingDispatcher(SignalingHub hub, SignalingMetrics metrics, Clock clock) {
        this.hub = hub;
        this.metrics = metrics;
        this.clock = clock;
        SignalingConfig config = hub.config();
        this.rate = new MessageRate(config.messagesPerSecond(), config.messageBurst());
        this.floodCloseAfter = config.messageBurst();
        this.unidentifiedTimeoutSeconds = config.unidentifiedTimeoutSeconds();
    }

    /**
     * Reloaded settings, on this dispatcher's loop: the message rate and burst (every connection of the loop
     * from its next message) and the identify deadline of connections opened from now on.
     */
    public void reconfigure(SignalingConfig config) {
        rate.set(config.messagesPerSecond(), config.messageBurst());
        floodCloseAfter = config.messageBurst();
        unidentifiedTimeoutSeconds = config.unidentifiedTimeoutSeconds();
    }

    // ---- lifecycle ----

    /**
     * The {@link SessionProtocol} open: the grant's dialect picks {@link #openNative}, {@link #openKeyed} or
     * {@link #openV1}.
     */
    @Override
    public SignalingConnection open(PeerSession session, SignalingGrant grant) {
        return switch (grant.dialect()) {
            case NATIVE -> openNative(session);
            case KEYED -> openKeyed(session, grant.roomId(), grant.role());
            case V1 -> openV1(session, grant.username());
        };
    }

    /** A {@code /ws} connection must identify within {@code signaling.unidentifiedTimeoutSeconds}. */
    @Override
    public int deadlineSeconds(SignalingConnection conn) {
        return conn.dialect() == Dialect.NATIVE ? unidentifiedTimeoutSeconds : 0;
    }

    @Override
    public void onDeadline(SignalingConnection conn) {
        onIdentifyDeadline(conn);
    }

    @Override
    public void onMessage(SignalingConnection conn, byte[] buf, int offset, int length, boolean text) {
        if (text) {
            onText(conn, buf, offset, length);
        } else {
            onBinary(conn);
        }
    }

    /** A {@code /ws} connection: open and unidentified until IDENTIFY. */
    public SignalingConnection openNative(PeerSession session) {
        return hub.connection(session, Dialect.NATIVE, rate);
    }

    /** A {@code /v1/connect} connection, online at once as {@code username}; null (closed 4004) if it expired. */
    public SignalingConnection openV1(PeerSession session, String username) {
        SignalingConnection conn = hub.connection(session, Dialect.V1, rate);
        if (!hub.openV1(conn, username, this)) {
            session.close(CloseCode.REGISTRATION_GONE.code(), CloseCode.REGISTRATION_GONE.reason());
            return null;
        }
        return conn;
    }

    /** A {@code /ws/{roomId}} connection: WELCOME now; null (closed 1013) if the room expired or filled. */
    public SignalingConnection openKeyed(PeerSession session, String roomId, KeyedRole role) {
        SignalingConnection conn = hub.connection(session, Dialect.KEYED, rate);
        if (!hub.openKeyed(conn, roomId, role, this)) {
            session.close(CloseCode.TRY_AGAIN_LATER.code(), "room expired or full");
            return null;
        }
        return conn;
    }

    @Override
    public void onClose(SignalingConnection conn) {
        hub.close(conn, this);
    }

    /** Closes a {@code /ws} connection that has not identified yet with 4003. */
    public void onIdentifyDeadline(SignalingConnection conn) {
        if (!conn.isIdentified() && !conn.isGone()) {
            metrics.closedForMisbehaviour.increment();
            conn.session().close(CloseCode.NOT_IDENTIFIED_IN_TIME.code(), CloseCode.NOT_IDENTIFIED_IN_TIME.reason());
            hub.close(conn, this);
        }
    }

    /** The admin kick, run on this loop: every {@code /v1} connection closed with 4002; returns how many. */
    public int kickV1() {
        return hub.kickV1(this);
    }

    // ---- messages ----

    /** A binary message: signaling is text only; it gets an error and changes nothing. */
    public void onBinary(SignalingConnection conn) {
        metrics.messagesReceived.increment();
        if (!conn.isGone() && withinBudget(conn)) {
            reject(conn, SignalingError.BINARY_FRAME, -1);
        }
    }

    /** One complete text message. */
    public void onText(SignalingConnection conn, byte[] buf, int offset, int length) {
        metrics.messagesReceived.increment();
        if (conn.isGone() || !withinBudget(conn)) {
            return; // a replaced or kicked connection's last messages have no one to speak for
        }
        if (offset != 0) {
            // The decoder reads from index 0; transports normally hand us a buffer that starts there.
            if (copy.length < length) {
                copy = new byte[length];
            }
            System.arraycopy(buf, offset, copy, 0, length);
            buf = copy;
        }
        SignalingDecoder m = decoder.decode(buf, length);
        if (m.error() != null) {
            if (!JsonSyntax.isUtf8(buf, 0, length)) {
                metrics.closedForMisbehaviour.increment();
                conn.session().close(CloseCode.INVALID_PAYLOAD.code(), CloseCode.INVALID_PAYLOAD.reason());
                return;
            }
            reject(conn, m.error(), -1);
            return;
        }
        switch (conn.dialect()) {
            case NATIVE -> onNative(conn, m);
            case KEYED -> onKeyed(conn, m);
            case V1 -> {
                metrics.v1Messages.increment();
                onV1(conn, m);
            }
            default -> throw new IllegalStateException("unhandled dialect " + conn.dialect());
        }
    }

    private void onNative(SignalingConnection conn, SignalingDecoder m) {
        if (!m.hasStringType()) {
            reject(conn, SignalingError.NOT_AN_OBJECT, -1);
            return;
        }
        SignalingType type = m.nativeType();
        if (type != null) {
            metrics.countReceived(type);
        }
        if (type == null) {
            reject(conn, SignalingError.UNKNOWN_TYPE, -1);
        } else if (type == SignalingType.IDENTIFY) {
            identify(conn, m);
        } else if (!conn.isIdentified()) {
            reject(conn, SignalingError.NOT_IDENTIFIED, -1);
        } else if (type.relayed) {
            relayFromNative(conn, m);
        } else if (type == SignalingType.PRESENCE) {
            presence(conn, m);
        } else {
            String roomId = m.string(SignalingDecoder.ROOM_ID);
            SignalingError error = roomId == null ? SignalingError.MISSING_ROOM_ID
                    : type == SignalingType.JOIN_ROOM ? hub.join(conn, roomId, this) : hub.leave(conn, roomId, this);
            if (error != null) {
                reject(conn, error, -1);
            }
        }
    }

    private void identify(SignalingConnection conn, SignalingDecoder m) {
        if (conn.isIdentified()) {
            reject(conn, SignalingError.ALREADY_IDENTIFIED, -1);
            return;
        }
        SignalingError error = hub.identify(conn, m.string(SignalingDecoder.USERNAME), m.string(SignalingDecoder.TOKEN),
                m.string(SignalingDecoder.CLIENT_VERSION), this);
        if (error == null) {
            metrics.identified.increment();
            encoder.authSuccess(conn.name());
        } else {
            metrics.countError(error);
            encoder.authError(error);
        }
        conn.session().sendReliable(encoder.bytes(), 0, encoder.size());
    }

    private void relayFromNative(SignalingConnection conn, SignalingDecoder m) {
        int to = m.field(SignalingDecoder.TO_PEER_ID);
        if (to < 0 || !m.members().isString(m.buffer(), to)) {
            reject(conn, SignalingError.MISSING_TO_PEER_ID, -1);
            return;
        }
        SignalingConnection target = hub.online(targetName(m, to));
        if (target == null) {
            reject(conn, SignalingError.TARGET_UNREACHABLE, -1);
            return;
        }
        if (target.dialect() == Dialect.V1) {
            encoder.nativeToV1(m, to, conn.name());
        } else {
            encoder.nativeRelay(m, conn.name());
        }
        deliver(conn, target, SignalingError.TARGET_UNREACHABLE);
    }

    private void onKeyed(SignalingConnection conn, SignalingDecoder m) {
        if (!m.hasStringType()) {
            reject(conn, SignalingError.NOT_AN_OBJECT, -1);
            return;
        }
        SignalingType type = m.nativeType();
        if (type == null) {
            reject(conn, SignalingError.UNKNOWN_TYPE, -1);
            return;
        }
        metrics.countReceived(type);
        if (!type.relayed) {
            reject(conn, SignalingError.KEYED_RELAY_ONLY, -1);
            return;
        }
        int to = m.field(SignalingDecoder.TO_PEER_ID);
        SignalingConnection target;
        SignalingError missing;
        if (to < 0 && conn.keyedRole() == KeyedRole.CLIENT) {
            target = hub.keyedMaster(conn);
            missing = SignalingError.NO_MASTER;
        } else if (to < 0 || !m.members().isString(m.buffer(), to)) {
            reject(conn, SignalingError.MISSING_TO_PEER_ID, -1);
            return;
        } else {
            target = hub.keyedPeer(conn, targetName(m, to));
            missing = SignalingError.TARGET_UNREACHABLE;
        }
        if (target == null) {
            reject(conn, missing, -1);
            return;
        }
        encoder.nativeRelay(m, conn.name());
        deliver(conn, target, missing);
    }

    private void onV1(SignalingConnection conn, SignalingDecoder m) {
        int target = m.field(SignalingDecoder.TARGET);
        if (target < 0 || !m.members().isString(m.buffer(), target)) {
            reject(conn, SignalingError.MISSING_TARGET, target);
            return;
        }
        int type = m.typeIndex();
        if (type < 0 || !m.hasStringType() || m.members().valueEnd(type) - m.members().valueStart(type) == 2) {
            reject(conn, SignalingError.MISSING_V1_TYPE, target);
            return;
        }
        int payload = m.field(SignalingDecoder.PAYLOAD);
        if (payload < 0) {
            reject(conn, SignalingError.MISSING_PAYLOAD, target);
            return;
        }
        SignalingConnection dest = hub.online(targetName(m, target));
        if (dest == null) {
            reject(conn, SignalingError.TARGET_UNREACHABLE, target);
            return;
        }
        if (dest.dialect() == Dialect.V1) {
            encoder.v1Relay(m, target, payload, conn.name());
        } else {
            encoder.v1ToNative(m, target, payload, conn.name());
        }
        if (dest.session().sendReliable(encoder.bytes(), 0, encoder.size())) {
            metrics.relays.increment();
        } else {
            metrics.relaysRefused.increment();
            reject(conn, SignalingError.TARGET_UNREACHABLE, target);
        }
    }

    private void presence(SignalingConnection conn, SignalingDecoder m) {
        int index = m.field(SignalingDecoder.PEER_IDS);
        byte[] buf = m.buffer();
        if (index < 0 || peerIds.scan(buf, m.members().valueStart(index), m.members().valueEnd(index), (byte) '[') < 0
                || peerIds.count() > MAX_PRESENCE_IDS) {
            reject(conn, SignalingError.MISSING_PEER_IDS, -1);
            return;
        }
        Map<String, Boolean> online = new LinkedHashMap<>();
        for (int i = 0; i < peerIds.count(); i++) {
            if (!peerIds.isString(buf, i)) {
                reject(conn, SignalingError.MISSING_PEER_IDS, -1);
                return;
            }
            String id = JsonStrings.decode(buf, peerIds.valueStart(i), peerIds.valueEnd(i));
            online.putIfAbsent(id, hub.online(id) != null);
        }
        encoder.presence(online);
        conn.session().sendReliable(encoder.bytes(), 0, encoder.size());
    }

    /** The name a string token names, from the loop's cache (see {@link TargetNames}). */
    private String targetName(SignalingDecoder m, int index) {
        return targetNames.name(m.buffer(), m.members().valueStart(index), m.members().valueEnd(index));
    }

    /** Sends the encoded relay; a target that is closing counts as not online. */
    private void deliver(SignalingConnection from, SignalingConnection target, SignalingError unreachable) {
        if (target.session().sendReliable(encoder.bytes(), 0, encoder.size())) {
            metrics.relays.increment();
        } else {
            metrics.relaysRefused.increment();
            reject(from, unreachable, -1);
        }
    }

    private boolean withinBudget(SignalingConnection conn) {
        if (conn.budget().tryAcquire(clock.nowMillis())) {
            conn.resetOverBudget();
            return true;
        }
        if (conn.recordOverBudget() > floodCloseAfter) {
            metrics.closedForMisbehaviour.increment();
            conn.session().close(CloseCode.POLICY_VIOLATION.code(), CloseCode.POLICY_VIOLATION.reason());
        } else {
            reject(conn, SignalingError.RATE_EXCEEDED, -1);
        }
        return false;
    }

    /** The error in the connection's dialect; {@code targetIndex} is the /v1 target member or -1. */
    private void reject(SignalingConnection conn, SignalingError error, int targetIndex) {
        metrics.countError(error);
        if (conn.dialect() == Dialect.V1) {
            encoder.v1Error(error, decoder, error == SignalingError.MALFORMED_JSON ? -1 : targetIndex);
        } else {
            encoder.error(error);
        }
        conn.session().sendReliable(encoder.bytes(), 0, encoder.size());
    }

    // ---- RoomEvents: membership changes worded for the member's dialect ----

    @Override
    public void joined(SignalingConnection joiner, String roomId, List<SignalingConnection> others) {
        if (joiner.dialect() == Dialect.KEYED) {
            encoder.welcome(roomId, joiner.name(), joiner.keyedRole().wire());
        } else {
            encoder.roomMembers(roomId, others);
        }
        roomEvent(joiner);
    }

    @Override
    public void peerJoined(SignalingConnection target, String roomId, SignalingConnection peer) {
        encoder.newPeer(roomId, peer.name());
        roomEvent(target);
    }

    @Override
    public void peerLeft(SignalingConnection target, String roomId, SignalingConnection peer) {
        encoder.peerLeft(roomId, peer.name());
        roomEvent(target);
    }

    private void roomEvent(SignalingConnection to) {
        metrics.roomEvents.increment();
        to.session().sendReliable(encoder.bytes(), 0, encoder.size());
    }
}
