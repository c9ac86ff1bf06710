package org.signaltracker.core.protocol.signaling;

import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.protocol.json.JsonMembers;
import org.signaltracker.core.protocol.json.JsonStrings;
import org.signaltracker.core.protocol.json.JsonSyntax;

/**
 * Decodes one signaling message, of any dialect, into this reused view: the strict JSON check (RFC 8259,
 * UTF-8, bounded nesting, no trailing bytes), then where each top-level member lies and which of them the
 * dialects read. Values stay byte ranges; the dispatcher turns the few it needs into strings, and relays
 * copy the rest verbatim. A repeated key counts by its last occurrence, as {@code JSON.parse} does; every
 * {@code fromPeerId} (escaped spellings included) is marked so the relay drops them all.
 *
 * <p>Not thread-safe: one per event loop.
 */
public final class SignalingDecoder {

    static final byte[] TYPE = JsonMembers.name("type");
    static final byte[] TO_PEER_ID = JsonMembers.name("toPeerId");
    static final byte[] FROM_PEER_ID = JsonMembers.name("fromPeerId");
    static final byte[] ROOM_ID = JsonMembers.name("roomId");
    static final byte[] USERNAME = JsonMembers.name("username");
    static final byte[] TOKEN = JsonMembers.name("token");
    static final byte[] CLIENT_VERSION = JsonMembers.name("clientVersion");
    static final byte[] PEER_IDS = JsonMembers.name("peerIds");
    static final byte[] TARGET = JsonMembers.name("target");
    static final byte[] PAYLOAD = JsonMembers.name("payload");
    static final byte[] ORIGINATOR = JsonMembers.name("originator");

    private final JsonMembers members = new JsonMembers();
    private byte[] buf;
    private int length;
    private SignalingError error;
    private int typeIndex;

    /** Decodes {@code buf[0, length)}; then read the result from this decoder. */
    public SignalingDecoder decode(byte[] buf, int length) {
        this.buf = buf;
        this.length = length;
        error = null;
        typeIndex = -1;
        if (JsonSyntax.firstError(buf, length) != JsonSyntax.VALID) {
            error = SignalingError.MALFORMED_JSON;
            return this;
        }
        if (members.scan(buf, 0, length, (byte) '{') < 0) {
            error = SignalingError.NOT_AN_OBJECT;
            return this;
        }
        typeIndex = members.last(buf, TYPE);
        return this;
    }

    /** The decode error (malformed JSON, not an object), or null. */
    public SignalingError error() {
        return error;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    public JsonMembers members() {
        return members;
    }

    /** The member index of the last {@code type}, or -1. */
    public int typeIndex() {
        return typeIndex;
    }

    /** The native type named by a string {@code type}, or null (absent, not a string, or unknown). */
    public SignalingType nativeType() {
        if (typeIndex < 0 || !members.isString(buf, typeIndex)) {
            return null;
        }
        return SignalingType.inbound(buf, members.valueStart(typeIndex), members.valueEnd(typeIndex));
    }

    /** Whether {@code type} is present and a string. */
    public boolean hasStringType() {
        return typeIndex >= 0 && members.isString(buf, typeIndex);
    }

    /** Member index of the last {@code name}, or -1. */
    public int field(byte[] name) {
        return members.last(buf, name);
    }

    /** The string value of member {@code name}, or null when absent or not a string. Allocates. */
    public String string(byte[] name) {
        int index = members.last(buf, name);
        if (index < 0 || !members.isString(buf, index)) {
            return null;
        }
        return JsonStrings.decode(buf, members.valueStart(index), members.valueEnd(index));
    }

    /**
     * The string value of the top-level member {@code name}, or null: for the edge's HTTP bodies, such as
     * {@code POST /v1/register {username}} (decode the body first; {@link #error()} null means an object).
     */
    public String stringField(String name) {
        return string(JsonMembers.name(name));
    }

    /** Whether member {@code index} is a {@code fromPeerId} (in any spelling), which a relay must drop. */
    public boolean isFromPeerId(int index) {
        return members.keyEquals(buf, index, FROM_PEER_ID);
    }
}
