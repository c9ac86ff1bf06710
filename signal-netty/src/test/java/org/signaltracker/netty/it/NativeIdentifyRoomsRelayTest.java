package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 001 over real sockets on {@code /ws}: IDENTIFY (taken names, retry after AUTH_ERROR), rooms
 * (ROOM_MEMBERS lists the others, NEW_PEER_IN_ROOM, PEER_LEFT_ROOM on leave and on close), relay with the
 * sender's {@code fromPeerId} overwritten whatever it was, 2201 for an offline target, and PRESENCE.
 */
class NativeIdentifyRoomsRelayTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void identifyRoomsRelayAndPresence() throws Exception {
        try (TestClient alice = Signaling.identified(SERVER, "alice");
                TestClient bob = TestClient.connect(SERVER.uri("/ws"))) {
            // A taken name is refused, the connection stays open and may retry under another name.
            bob.send("{\"type\":\"IDENTIFY\",\"username\":\"alice\"}");
            Map<String, Object> taken = bob.next();
            assertEquals("AUTH_ERROR", taken.get("type"));
            assertEquals("error", taken.get("status"));
            assertTrue(((String) taken.get("message")).contains("Username already taken"));
            assertEquals(2610L, Signaling.number(taken.get("code")));
            bob.send("{\"type\":\"IDENTIFY\",\"username\":\"bob\"}");
            assertEquals("AUTH_SUCCESS", bob.next().get("type"));
            bob.send("{\"type\":\"IDENTIFY\",\"username\":\"bob2\"}");
            assertEquals("ERROR", bob.next().get("type"), "a second IDENTIFY after success is an error");

            alice.send("{\"type\":\"JOIN_ROOM\",\"roomId\":\"lobby\"}");
            Map<String, Object> first = alice.next();
            assertEquals("ROOM_MEMBERS", first.get("type"));
            assertEquals(List.of(), first.get("members"), "the first member hears of nobody");
            bob.send("{\"type\":\"JOIN_ROOM\",\"roomId\":\"lobby\"}");
            Map<String, Object> second = bob.next();
            assertEquals(List.of("alice"), second.get("members"), "the others, not itself");
            Map<String, Object> joined = alice.next();
            assertEquals("NEW_PEER_IN_ROOM", joined.get("type"));
            assertEquals("bob", joined.get("peerId"));
            assertEquals("lobby", joined.get("roomId"));

            // The server stamps fromPeerId, whatever the client claimed, and leaves every other field as sent.
            bob.send("{\"type\":\"SDP_OFFER\",\"toPeerId\":\"alice\",\"fromPeerId\":\"mallory\","
                    + "\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},\"extra\":[1,2]}");
            Map<String, Object> offer = alice.next();
            assertEquals("SDP_OFFER", offer.get("type"));
            assertEquals("bob", offer.get("fromPeerId"));
            assertEquals("alice", offer.get("toPeerId"));
            assertEquals(Map.of("type", "offer", "sdp", "v=0\r\n"), offer.get("sdp"));
            assertEquals(2, ((List<?>) offer.get("extra")).size());
            bob.send("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"alice\",\"fromPeerId\":{\"id\":\"mallory\"},"
                    + "\"candidate\":\"c1\"}");
            Map<String, Object> candidate = alice.next();
            assertEquals("bob", candidate.get("fromPeerId"), "an object fromPeerId is overwritten too");
            assertEquals("c1", candidate.get("candidate"));
            alice.send("{\"type\":\"SDP_ANSWER\",\"toPeerId\":\"bob\",\"sdp\":\"answer\"}");
            assertEquals("alice", bob.next().get("fromPeerId"));

            // Offline targets get 2201 and the sender stays open.
            alice.send("{\"type\":\"SDP_OFFER\",\"toPeerId\":\"nobody\",\"sdp\":\"x\"}");
            Map<String, Object> unreachable = alice.next();
            assertEquals("ERROR", unreachable.get("type"));
            assertEquals(2201L, Signaling.number(unreachable.get("code")));

            alice.send("{\"type\":\"PRESENCE\",\"peerIds\":[\"bob\",\"nobody\"]}");
            Map<String, Object> presence = alice.next();
            assertEquals("PRESENCE", presence.get("type"));
            assertEquals(Map.of("bob", true, "nobody", false), presence.get("online"));

            bob.send("{\"type\":\"LEAVE_ROOM\",\"roomId\":\"lobby\"}");
            Map<String, Object> left = alice.next();
            assertEquals("PEER_LEFT_ROOM", left.get("type"));
            assertEquals("bob", left.get("peerId"));
            bob.send("{\"type\":\"JOIN_ROOM\",\"roomId\":\"lobby\"}");
            assertEquals(List.of("alice"), bob.next().get("members"));
            assertEquals("NEW_PEER_IN_ROOM", alice.next().get("type"));

            // A dropped connection is acted on at once: others hear it left, the name is offline and free.
            bob.close();
            Map<String, Object> gone = alice.next();
            assertEquals("PEER_LEFT_ROOM", gone.get("type"));
            assertEquals("bob", gone.get("peerId"));
            alice.send("{\"type\":\"PRESENCE\",\"peerIds\":[\"bob\"]}");
            assertEquals(Map.of("bob", false), alice.next().get("online"));
            try (TestClient bobAgain = Signaling.identified(SERVER, "bob")) {
                assertFalse(bobAgain.isClosed());
            }
            assertNull(alice.poll(100), "nothing else was sent to alice");
            assertFalse(alice.isClosed());
        }
    }
}
