package org.signaltracker.core.protocol.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.protocol.json.JsonSyntax;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.signaling.SignalingConnection;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.ManualClock;

/**
 * Every message type, both directions: inbound ones decode to their type and fields; outbound ones encode to
 * strict JSON that a JSON parser reads back with the fields given. Covers the whole {@link SignalingType}
 * table and every {@link SignalingError}.
 */
class SignalingRoundTripTest {

    private final SignalingEncoder encoder = new SignalingEncoder();
    private final SignalingDecoder decoder = new SignalingDecoder();
    private final Set<SignalingType> covered = EnumSet.noneOf(SignalingType.class);

    private Map<String, Object> encoded(SignalingType type) {
        byte[] bytes = java.util.Arrays.copyOf(encoder.bytes(), encoder.size());
        assertEquals(JsonSyntax.VALID, JsonSyntax.firstError(bytes, bytes.length));
        Map<String, Object> parsed = SignalingFixture.parse(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(type.name(), parsed.get("type"));
        covered.add(type);
        return parsed;
    }

    private SignalingDecoder decoded(String json, SignalingType type) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        decoder.decode(bytes, bytes.length);
        assertNull(decoder.error());
        assertEquals(type, decoder.nativeType());
        covered.add(type);
        return decoder;
    }

    @Test
    void everyTypeRoundTrips() {
        assertEquals("alice", decoded("{\"type\":\"IDENTIFY\",\"username\":\"alice\",\"token\":\"t\",\"clientVersion\":"
                + "\"1\"}", SignalingType.IDENTIFY).string(SignalingDecoder.USERNAME));
        assertEquals("t", decoder.string(SignalingDecoder.TOKEN));
        assertEquals("1", decoder.string(SignalingDecoder.CLIENT_VERSION));
        byte[] body = "{\"username\":\"carol\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("carol", decoder.decode(body, body.length).stringField("username"), "a /v1/register body");
        assertNull(decoder.stringField("missing"));
        assertEquals("r", decoded("{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\"}", SignalingType.JOIN_ROOM)
                .string(SignalingDecoder.ROOM_ID));
        assertEquals("r", decoded("{\"roomId\":\"r\",\"type\":\"LEAVE_ROOM\"}", SignalingType.LEAVE_ROOM)
                .string(SignalingDecoder.ROOM_ID));
        for (SignalingType relay : List.of(SignalingType.SDP_OFFER, SignalingType.SDP_ANSWER, SignalingType.ICE_CANDIDATE)) {
            assertEquals("b", decoded("{\"type\":\"" + relay + "\",\"toPeerId\":\"b\"}", relay)
                    .string(SignalingDecoder.TO_PEER_ID));
        }
        assertEquals(SignalingType.PRESENCE, decoded("{\"type\":\"PRESENCE\",\"peerIds\":[\"a\"]}",
                SignalingType.PRESENCE).nativeType());

        encoder.authSuccess("alice");
        assertEquals(Map.of("type", "AUTH_SUCCESS", "status", "success", "username", "alice"),
                encoded(SignalingType.AUTH_SUCCESS));
        encoder.authError(SignalingError.USERNAME_TAKEN);
        Map<String, Object> authError = encoded(SignalingType.AUTH_ERROR);
        assertEquals("Username already taken", authError.get("message"));
        assertEquals("error", authError.get("status"));
        assertEquals(2610, SignalingFixture.code(authError));

        SignalingHub hub = new SignalingHub(org.signaltracker.core.config.SignalingConfig.defaults(), new ManualClock(),
                org.signaltracker.core.signaling.Authenticator.none());
        SignalingConnection a = hub.connection(new RecordingPeerSession(), org.signaltracker.core.signaling.Dialect.NATIVE);
        SignalingConnection b = hub.connection(new RecordingPeerSession(), org.signaltracker.core.signaling.Dialect.NATIVE);
        hub.identify(a, "a", null, null, null);
        hub.identify(b, "b.c-d_e", null, null, null);
        encoder.roomMembers("room", List.of(a, b));
        assertEquals(List.of("a", "b.c-d_e"), encoded(SignalingType.ROOM_MEMBERS).get("members"));
        encoder.roomMembers("room", List.of());
        assertEquals(List.of(), encoded(SignalingType.ROOM_MEMBERS).get("members"));
        encoder.newPeer("room", "a");
        assertEquals(Map.of("type", "NEW_PEER_IN_ROOM", "roomId", "room", "peerId", "a"),
                encoded(SignalingType.NEW_PEER_IN_ROOM));
        encoder.peerLeft("room", "a");
        assertEquals(Map.of("type", "PEER_LEFT_ROOM", "roomId", "room", "peerId", "a"),
                encoded(SignalingType.PEER_LEFT_ROOM));
        encoder.welcome("room", "p1", "master");
        assertEquals(Map.of("type", "WELCOME", "roomId", "room", "peerId", "p1", "role", "master"),
                encoded(SignalingType.WELCOME));
        Map<String, Boolean> online = new LinkedHashMap<>();
        online.put("a", true);
        online.put("\u00e9\"\n", false);
        encoder.presence(online);
        assertEquals(Map.of("a", true, "\u00e9\"\n", false), encoded(SignalingType.PRESENCE).get("online"));
        for (SignalingError error : SignalingError.values()) {
            encoder.error(error);
            Map<String, Object> parsed = encoded(SignalingType.ERROR);
            assertEquals(error.code(), SignalingFixture.code(parsed));
            assertEquals(error.message(), parsed.get("message"));
        }
        assertEquals(EnumSet.allOf(SignalingType.class), covered, "a type without a round trip");
    }
}
