package org.signaltracker.core.protocol.signaling;

import java.util.List;
import java.util.Map;
import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.protocol.json.JsonMembers;
import org.signaltracker.core.protocol.json.JsonWriter;
import org.signaltracker.core.signaling.SignalingConnection;

/**
 * Writes every outgoing signaling message into one reused buffer: the native and keyed vocabulary, the
 * {@code /v1} shapes, and the relays of both dialects and across them (issue 8 section 6). Relays copy the
 * sender's member bytes verbatim and stamp the sender last ({@code fromPeerId} or {@code originator}), so
 * even a parser that kept a duplicate key would see the server's value; they allocate nothing.
 *
 * <p>Not thread-safe: one per event loop. The result is valid until the next write.
 */
public final class SignalingEncoder {

    private final JsonWriter out = new JsonWriter();
    private final JsonMembers payloadMembers = new JsonMembers();

    public byte[] bytes() {
        return out.bytes();
    }

    public int size() {
        return out.size();
    }

    public void authSuccess(String username) {
        out.reset();
        out.ascii("{\"type\":\"AUTH_SUCCESS\",\"status\":\"success\",\"username\":").string(username).ascii('}');
    }

    public void authError(SignalingError error) {
        out.reset();
        out.ascii("{\"type\":\"AUTH_ERROR\",\"status\":\"error\",\"message\":").string(error.message())
                .ascii(",\"code\":").number(error.code()).ascii('}');
    }

    public void error(SignalingError error) {
        out.reset();
        out.ascii("{\"type\":\"ERROR\",\"code\":").number(error.code()).ascii(",\"message\":").string(error.message())
                .ascii('}');
    }

    /** ROOM_MEMBERS: the others in the room, in join order. */
    public void roomMembers(String roomId, List<SignalingConnection> others) {
        out.reset();
        out.ascii("{\"type\":\"ROOM_MEMBERS\",\"roomId\":").string(roomId).ascii(",\"members\":[");
        for (int i = 0; i < others.size(); i++) {
            if (i > 0) {
                out.ascii(',');
            }
            out.string(others.get(i).name());
        }
        out.ascii("]}");
    }

    public void newPeer(String roomId, String peerId) {
        roomEvent("{\"type\":\"NEW_PEER_IN_ROOM\",\"roomId\":", roomId, peerId);
    }

    public void peerLeft(String roomId, String peerId) {
        roomEvent("{\"type\":\"PEER_LEFT_ROOM\",\"roomId\":", roomId, peerId);
    }

    private void roomEvent(String head, String roomId, String peerId) {
        out.reset();
        out.ascii(head).string(roomId).ascii(",\"peerId\":").string(peerId).ascii('}');
    }

    public void welcome(String roomId, String peerId, String role) {
        out.reset();
        out.ascii("{\"type\":\"WELCOME\",\"roomId\":").string(roomId).ascii(",\"peerId\":").string(peerId)
                .ascii(",\"role\":").string(role).ascii('}');
    }

    /** PRESENCE: each asked id once, in the order asked, with whether it is online. */
    public void presence(Map<String, Boolean> online) {
        out.reset();
        out.ascii("{\"type\":\"PRESENCE\",\"online\":{");
        boolean first = true;
        for (Map.Entry<String, Boolean> entry : online.entrySet()) {
            if (!first) {
                out.ascii(',');
            }
            first = false;
            out.string(entry.getKey()).ascii(':').ascii(entry.getValue() ? "true" : "false");
        }
        out.ascii("}}");
    }

    /** A native relay: the sender's members unchanged, every {@code fromPeerId} dropped, then the stamp. */
    public void nativeRelay(SignalingDecoder m, String from) {
        out.reset();
        out.ascii('{');
        JsonMembers members = m.members();
        byte[] buf = m.buffer();
        boolean first = true;
        for (int i = 0; i < members.count(); i++) {
            if (m.isFromPeerId(i)) {
                continue;
            }
            if (!first) {
                out.ascii(',');
            }
            first = false;
            out.raw(buf, members.keyStart(i), members.valueEnd(i));
        }
        out.ascii(first ? "\"fromPeerId\":" : ",\"fromPeerId\":").string(from).ascii('}');
    }

    /**
     * A native relay to a {@code /v1} peer: {@code {target: toPeerId, type, originator, payload: the rest}},
     * the payload being the sender's members without type, toPeerId and fromPeerId.
     */
    public void nativeToV1(SignalingDecoder m, int toPeerIdIndex, String from) {
        out.reset();
        JsonMembers members = m.members();
        byte[] buf = m.buffer();
        out.ascii("{\"target\":").raw(buf, members.valueStart(toPeerIdIndex), members.valueEnd(toPeerIdIndex));
        int type = m.typeIndex();
        out.ascii(",\"type\":").raw(buf, members.valueStart(type), members.valueEnd(type));
        out.ascii(",\"originator\":").string(from).ascii(",\"payload\":{");
        boolean first = true;
        for (int i = 0; i < members.count(); i++) {
            if (members.keyEquals(buf, i, SignalingDecoder.TYPE)
                    || members.keyEquals(buf, i, SignalingDecoder.TO_PEER_ID) || m.isFromPeerId(i)) {
                continue;
            }
            if (!first) {
                out.ascii(',');
            }
            first = false;
            out.raw(buf, members.keyStart(i), members.valueEnd(i));
        }
        out.ascii("}}");
    }

    /** A {@code /v1} relay: {@code {target, type, originator, payload}} with the sender's values verbatim. */
    public void v1Relay(SignalingDecoder m, int targetIndex, int payloadIndex, String from) {
        out.reset();
        JsonMembers members = m.members();
        byte[] buf = m.buffer();
        out.ascii("{\"target\":").raw(buf, members.valueStart(targetIndex), members.valueEnd(targetIndex));
        int type = m.typeIndex();
        out.ascii(",\"type\":").raw(buf, members.valueStart(type), members.valueEnd(type));
        out.ascii(",\"originator\":").string(from);
        out.ascii(",\"payload\":").raw(buf, members.valueStart(payloadIndex), members.valueEnd(payloadIndex));
        out.ascii('}');
    }

    /**
     * A {@code /v1} relay to a native peer: {@code {type, toPeerId: target, …, fromPeerId: originator}}, the
     * payload's members as fields when it is an object (without type, toPeerId and fromPeerId, which the
     * server sets), else one {@code payload} field.
     */
    public void v1ToNative(SignalingDecoder m, int targetIndex, int payloadIndex, String from) {
        out.reset();
        JsonMembers members = m.members();
        byte[] buf = m.buffer();
        int type = m.typeIndex();
        out.ascii("{\"type\":").raw(buf, members.valueStart(type), members.valueEnd(type));
        out.ascii(",\"toPeerId\":").raw(buf, members.valueStart(targetIndex), members.valueEnd(targetIndex));
        int payloadStart = members.valueStart(payloadIndex);
        int payloadEnd = members.valueEnd(payloadIndex);
        if (payloadMembers.scan(buf, payloadStart, payloadEnd, (byte) '{') >= 0) {
            for (int i = 0; i < payloadMembers.count(); i++) {
                if (payloadMembers.keyEquals(buf, i, SignalingDecoder.TYPE)
                        || payloadMembers.keyEquals(buf, i, SignalingDecoder.TO_PEER_ID)
                        || payloadMembers.keyEquals(buf, i, SignalingDecoder.FROM_PEER_ID)) {
                    continue;
                }
                out.ascii(',').raw(buf, payloadMembers.keyStart(i), payloadMembers.valueEnd(i));
            }
        } else {
            out.ascii(",\"payload\":").raw(buf, payloadStart, payloadEnd);
        }
        out.ascii(",\"fromPeerId\":").string(from).ascii('}');
    }

    /**
     * A {@code /v1} error: {@code {"type":"error","target":…,"payload":{"code":…,"message":…}}}; the target
     * is the sender's value verbatim, or null when it had none.
     */
    public void v1Error(SignalingError error, SignalingDecoder m, int targetIndex) {
        out.reset();
        out.ascii("{\"type\":\"error\",\"target\":");
        if (targetIndex < 0) {
            out.ascii("null");
        } else {
            out.raw(m.buffer(), m.members().valueStart(targetIndex), m.members().valueEnd(targetIndex));
        }
        out.ascii(",\"payload\":{\"code\":").number(error.code()).ascii(",\"message\":").string(error.message())
                .ascii("}}");
    }
}
