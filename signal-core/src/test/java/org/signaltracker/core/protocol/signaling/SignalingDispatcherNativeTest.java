package org.signaltracker.core.protocol.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.code;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.only;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.signaling.SignalingConnection;

class SignalingDispatcherNativeTest {

    private final SignalingFixture f = new SignalingFixture();

    @Test
    void identifySucceedsOnceAndATakenNameGetsAuthErrorWithTheConnectionOpen() {
        SignalingConnection alice = f.identified("alice");
        SignalingConnection other = f.open();
        f.send(other, "{\"type\":\"IDENTIFY\",\"username\":\"alice\"}");
        Map<String, Object> error = only(other);
        assertEquals("AUTH_ERROR", error.get("type"));
        assertEquals("error", error.get("status"));
        assertEquals("Username already taken", error.get("message"));
        assertEquals(2610, code(error));
        assertEquals(-1, session(other).closeCode());
        f.send(other, "{\"username\":\"bob\",\"type\":\"IDENTIFY\",\"clientVersion\":\"9\",\"extra\":[1]}");
        assertEquals("AUTH_SUCCESS", only(other).get("type"), "a retry after AUTH_ERROR may succeed");
        f.send(alice, "{\"type\":\"IDENTIFY\",\"username\":\"carol\"}");
        Map<String, Object> again = only(alice);
        assertEquals("ERROR", again.get("type"));
        assertEquals(2611, code(again));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"IDENTIFY\"}",
        "{\"type\":\"IDENTIFY\",\"username\":\"\"}",
        "{\"type\":\"IDENTIFY\",\"username\":42}",
        "{\"type\":\"IDENTIFY\",\"username\":null}",
        "{\"type\":\"IDENTIFY\",\"username\":\"a b\"}",
        "{\"type\":\"IDENTIFY\",\"username\":\"x\\u0000\"}",
    })
    void invalidUsernamesGetAuthError2604(String json) {
        SignalingConnection conn = f.open();
        f.send(conn, json);
        Map<String, Object> error = only(conn);
        assertEquals("AUTH_ERROR", error.get("type"));
        assertEquals(2604, code(error));
        assertFalse(conn.isIdentified());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\"}                  | 2120",
        "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"a\"}            | 2120",
        "{\"type\":\"PRESENCE\",\"peerIds\":[]}                      | 2120",
        "{\"type\":\"NOPE\"}                                         | 2602",
        "{\"type\":\"identify\",\"username\":\"a\"}                  | 2602",
        "{\"type\":7}                                                | 2601",
        "{\"username\":\"a\"}                                        | 2601",
        "[{\"type\":\"IDENTIFY\",\"username\":\"a\"}]                | 2601",
        "\"IDENTIFY\"                                                | 2601",
        "{\"type\":\"IDENTIFY\",\"username\":\"a\"} x                | 2600",
        "{type:\"IDENTIFY\"}                                         | 2600",
        "{\"type\":\"IDENTIFY\",}                                    | 2600",
        "{\"type\":\"IDENTIFY\"} // comment                          | 2600",
        "''                                                          | 2600",
    })
    void beforeIdentifyEveryOtherMessageGetsItsOwnErrorAndChangesNothing(String json, int expected) {
        SignalingConnection conn = f.open();
        f.send(conn, json);
        Map<String, Object> error = only(conn);
        assertEquals("ERROR", error.get("type"), json);
        assertEquals(expected, code(error), json);
        assertTrue(error.get("message") instanceof String);
        assertEquals(1, java.util.Arrays.stream(org.signaltracker.core.error.SignalingError.values())
                .filter(e -> e.code() == expected).mapToLong(f.metrics::errors).sum(), "the error was counted");
        assertEquals(-1, session(conn).closeCode());
        assertFalse(conn.isIdentified());
        assertEquals(0, f.hub.roomCount());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"JOIN_ROOM\"}                                    | 2603",
        "{\"type\":\"JOIN_ROOM\",\"roomId\":5}                       | 2603",
        "{\"type\":\"JOIN_ROOM\",\"roomId\":\"bad room\"}            | 2603",
        "{\"type\":\"LEAVE_ROOM\"}                                   | 2603",
        "{\"type\":\"LEAVE_ROOM\",\"roomId\":\"never\"}              | 2612",
        "{\"type\":\"SDP_OFFER\",\"sdp\":\"v=0\"}                    | 2603",
        "{\"type\":\"SDP_ANSWER\",\"toPeerId\":{}}                   | 2603",
        "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":null}              | 2603",
        "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"nobody\"}        | 2201",
        "{\"type\":\"PRESENCE\"}                                     | 2603",
        "{\"type\":\"PRESENCE\",\"peerIds\":\"a\"}                   | 2603",
        "{\"type\":\"PRESENCE\",\"peerIds\":[1]}                     | 2603",
    })
    void afterIdentifyBadMessagesGetTheirError(String json, int expected) {
        SignalingConnection alice = f.identified("alice");
        f.send(alice, json);
        Map<String, Object> error = only(alice);
        assertEquals("ERROR", error.get("type"), json);
        assertEquals(expected, code(error), json);
        assertEquals(-1, session(alice).closeCode());
    }

    @Test
    void roomsTellMembersOfEachOtherAndOfLeaves() {
        SignalingConnection a = f.identified("a");
        SignalingConnection b = f.identified("b");
        f.send(a, "{\"type\":\"JOIN_ROOM\",\"roomId\":\"r1\"}");
        assertEquals(List.of("{\"type\":\"ROOM_MEMBERS\",\"roomId\":\"r1\",\"members\":[]}"), session(a).drain());
        f.send(b, "{\"type\":\"JOIN_ROOM\",\"roomId\":\"r1\"}");
        assertEquals(List.of("{\"type\":\"ROOM_MEMBERS\",\"roomId\":\"r1\",\"members\":[\"a\"]}"), session(b).drain());
        assertEquals(List.of("{\"type\":\"NEW_PEER_IN_ROOM\",\"roomId\":\"r1\",\"peerId\":\"b\"}"), session(a).drain());
        f.send(b, "{\"type\":\"LEAVE_ROOM\",\"roomId\":\"r1\"}");
        assertEquals(List.of("{\"type\":\"PEER_LEFT_ROOM\",\"roomId\":\"r1\",\"peerId\":\"b\"}"), session(a).drain());
        assertEquals(List.of(), session(b).drain());
        f.send(b, "{\"type\":\"JOIN_ROOM\",\"roomId\":\"r1\"}");
        session(a).drain();
        f.dispatcher.onClose(b);
        assertEquals(List.of("{\"type\":\"PEER_LEFT_ROOM\",\"roomId\":\"r1\",\"peerId\":\"b\"}"), session(a).drain());
    }

    @Test
    void relaysReachOnlyTheTargetWithTheServerStampAndEveryOtherByteUnchanged() {
        SignalingConnection alice = f.identified("alice");
        SignalingConnection bob = f.identified("bob");
        SignalingConnection carol = f.identified("carol");
        f.send(alice, "{\"type\":\"SDP_OFFER\",\"toPeerId\":\"bob\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},"
                + "\"fromPeerId\":\"carol\",\"n\":1.5e3,\"u\":\"\u00e9\\u00e9\"}");
        assertEquals(List.of("{\"type\":\"SDP_OFFER\",\"toPeerId\":\"bob\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},"
                + "\"n\":1.5e3,\"u\":\"\u00e9\\u00e9\",\"fromPeerId\":\"alice\"}"), session(bob).drain());
        f.send(alice, "{\"fromPeerId\":{\"spoof\":true},\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\","
                + "\"candidate\":null,\"fromP\\u0065erId\":\"carol\"}");
        // Both spoofed fromPeerIds go, the object one and the escaped spelling, and the stamp comes last.
        assertEquals(List.of("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\",\"candidate\":null,"
                + "\"fromPeerId\":\"alice\"}"), session(bob).drain());
        f.send(alice, "{\"type\":\"SDP_ANSWER\",\"toPeerId\":\"bob\"}");
        assertEquals(List.of("{\"type\":\"SDP_ANSWER\",\"toPeerId\":\"bob\",\"fromPeerId\":\"alice\"}"), session(bob).drain());
        assertEquals(List.of(), session(carol).sent());
        assertEquals(List.of(), session(alice).sent(), "no reply to a relayed message");
    }

    @Test
    void aTargetThatLeftGets2201AndTheSenderStaysOpen() {
        SignalingConnection alice = f.identified("alice");
        SignalingConnection bob = f.identified("bob");
        f.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"}");
        assertEquals(1, session(bob).drain().size());
        f.dispatcher.onClose(bob);
        f.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"}");
        assertEquals(2201, code(only(alice)));
        SignalingConnection bob2 = f.identified("bob");
        f.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"}");
        assertEquals("alice", only(bob2).get("fromPeerId"), "the cached target name finds the new holder");
        f.v1("dave");
        f.dispatcher.onClose(f.hub.online("dave"));
        f.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"dave\"}");
        assertEquals(2201, code(only(alice)), "registered on /v1 but not connected");
    }

    @Test
    void presenceAnswersForEachAskedId() {
        SignalingConnection alice = f.identified("alice");
        f.identified("bob");
        f.send(alice, "{\"type\":\"PRESENCE\",\"peerIds\":[\"bob\",\"zed\",\"bob\",\"a\\\"b\"]}");
        assertEquals(List.of("{\"type\":\"PRESENCE\",\"online\":{\"bob\":true,\"zed\":false,\"a\\\"b\":false}}"),
                session(alice).drain());
    }

    @Test
    void binaryFramesGetAnErrorAndInvalidUtf8Closes1007() {
        SignalingConnection alice = f.identified("alice");
        f.dispatcher.onBinary(alice);
        assertEquals(2605, code(only(alice)));
        byte[] bad = "{\"type\":\"IDENTIFY\",\"username\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        f.dispatcher.onText(alice, bad, 0, bad.length);
        assertEquals(1007, session(alice).closeCode());
    }

    @Test
    void aMessageAtAnOffsetIsReadFromThere() {
        SignalingConnection alice = f.open();
        byte[] framed = "xx{\"type\":\"IDENTIFY\",\"username\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        f.dispatcher.onText(alice, framed, 2, framed.length - 2);
        assertEquals("AUTH_SUCCESS", only(alice).get("type"));
    }

    @Test
    void overTheBudgetMessagesGetAnErrorAndAPersistentFlooderIsClosed1008() {
        SignalingConfig d = SignalingConfig.defaults();
        SignalingFixture small = new SignalingFixture(new SignalingConfig(d.authMode(), d.hmacSecret(), d.adminToken(),
                d.clientVersions(), d.duplicateName(), 1, 3, d.maxRoomMembers(), d.maxRoomsPerConnection(),
                d.keyedRoomIdleSeconds(), d.maxKeyedRoomsPerAddress(), d.maxKeyedRooms(), d.maxRegistrations(),
                d.registrationTtlSeconds(), d.reliableQueueBytes(), d.unidentifiedTimeoutSeconds()));
        SignalingConnection alice = small.identified("alice");
        small.identified("bob");
        for (int i = 0; i < 2; i++) {
            small.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"}");
        }
        small.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"}");
        assertEquals(2630, code(only(alice)));
        for (int i = 0; i < 3; i++) {
            small.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"}");
        }
        assertEquals(1008, session(alice).closeCode());
        assertEquals(1, small.metrics.closedForMisbehaviour.sum());
    }

    @Test
    void anUnidentifiedConnectionIsClosedAtItsDeadlineAnIdentifiedOneIsNot() {
        SignalingConnection idle = f.open();
        SignalingConnection alice = f.identified("alice");
        f.dispatcher.onIdentifyDeadline(idle);
        f.dispatcher.onIdentifyDeadline(alice);
        assertEquals(4003, session(idle).closeCode());
        assertEquals(-1, session(alice).closeCode());
        assertNull(f.hub.online("idle"));
    }

    @Test
    void messagesFromAReplacedConnectionAreIgnored() {
        SignalingConfig d = SignalingConfig.defaults();
        SignalingFixture replace = new SignalingFixture(new SignalingConfig(d.authMode(), d.hmacSecret(),
                d.adminToken(), d.clientVersions(), "replace", d.messagesPerSecond(), d.messageBurst(),
                d.maxRoomMembers(), d.maxRoomsPerConnection(), d.keyedRoomIdleSeconds(), d.maxKeyedRoomsPerAddress(),
                d.maxKeyedRooms(), d.maxRegistrations(), d.registrationTtlSeconds(), d.reliableQueueBytes(),
                d.unidentifiedTimeoutSeconds()));
        SignalingConnection old = replace.identified("alice");
        SignalingConnection bob = replace.identified("bob");
        replace.identified("alice");
        assertEquals(4001, session(old).closeCode());
        replace.send(old, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\"}");
        assertEquals(List.of(), session(bob).sent());
    }
}
