package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.signaling.TokenMinter;

/**
 * Seed 003 over real sockets, configured as an operator would (hmac tokens, a client version list): every
 * bad token (missing, forged, another user's, expired) and every bad version (missing, unlisted; 2103) gets
 * AUTH_ERROR with the connection left open to retry; a valid token takes the name over from an older
 * connection (4001), which leaves its rooms, and the new one starts in none; relays to an offline name get 2201.
 */
class TokensReplaceVersionsTest {

    private static final String SECRET = "a-test-secret-of-more-than-32-characters";

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("""
            signaling.authMode = hmac
            signaling.hmacSecret = %s
            signaling.clientVersions = 1.0,1.1
            """.formatted(SECRET));

    private static String token(String name) {
        return TokenMinter.mint(SECRET, name, 3600, System.currentTimeMillis() / 1000);
    }

    private static Map<String, Object> identify(TestClient client, String name, String token, String version)
            throws Exception {
        client.send("{\"type\":\"IDENTIFY\",\"username\":\"" + name + "\""
                + (token == null ? "" : ",\"token\":\"" + token + "\"")
                + (version == null ? "" : ",\"clientVersion\":\"" + version + "\"") + "}");
        return client.next();
    }

    private static void assertAuthError(Map<String, Object> reply, long code) {
        assertEquals("AUTH_ERROR", reply.get("type"), reply.toString());
        assertEquals(code, Signaling.number(reply.get("code")), reply.toString());
    }

    @Test
    void tokensVersionsReplacementAndUnreachableTargets() throws Exception {
        String valid = token("grace");
        char last = valid.charAt(valid.length() - 1);
        String forged = valid.substring(0, valid.length() - 1) + (last == 'A' ? 'B' : 'A');
        String expired = TokenMinter.mint(SECRET, "grace", 60, System.currentTimeMillis() / 1000 - 7200);
        try (TestClient grace = TestClient.connect(SERVER.uri("/ws"));
                TestClient heidi = TestClient.connect(SERVER.uri("/ws"))) {
            assertAuthError(identify(grace, "grace", null, "1.0"), 2121);
            assertAuthError(identify(grace, "grace", "", "1.0"), 2121);
            assertAuthError(identify(grace, "grace", forged, "1.0"), 2121);
            assertAuthError(identify(grace, "grace", token("heidi"), "1.0"), 2121);
            assertAuthError(identify(grace, "grace", expired, "1.0"), 2121);
            assertAuthError(identify(grace, "grace", valid, null), 2103);
            assertAuthError(identify(grace, "grace", valid, "0.9"), 2103);
            grace.send("{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\"}");
            assertEquals(2120L, Signaling.number(grace.next().get("code")), "still unidentified, still open");
            assertEquals("AUTH_SUCCESS", identify(grace, "grace", valid, "1.1").get("type"));
            assertEquals("AUTH_SUCCESS", identify(heidi, "heidi", token("heidi"), "1.0").get("type"));

            grace.send("{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\"}");
            assertEquals(List.of(), grace.next().get("members"));
            heidi.send("{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\"}");
            assertEquals(List.of("grace"), heidi.next().get("members"));
            assertEquals("NEW_PEER_IN_ROOM", grace.next().get("type"));

            heidi.send("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"ivan\",\"candidate\":\"c\"}");
            assertEquals(2201L, Signaling.number(heidi.next().get("code")));

            // A valid token takes the name over: the old connection is closed with 4001 and leaves the room.
            try (TestClient graceAgain = TestClient.connect(SERVER.uri("/ws"))) {
                assertEquals("AUTH_SUCCESS", identify(graceAgain, "grace", token("grace"), "1.0").get("type"));
                assertEquals(4001, grace.closeCode());
                Map<String, Object> left = heidi.next();
                assertEquals("PEER_LEFT_ROOM", left.get("type"));
                assertEquals("grace", left.get("peerId"));
                heidi.send("{\"type\":\"SDP_OFFER\",\"toPeerId\":\"grace\",\"sdp\":\"s\"}");
                Map<String, Object> offer = graceAgain.next();
                assertEquals("heidi", offer.get("fromPeerId"), "everything sent to the name reaches the new one");
                graceAgain.send("{\"type\":\"LEAVE_ROOM\",\"roomId\":\"r\"}");
                assertEquals(2612L, Signaling.number(graceAgain.next().get("code")), "it starts in no room");
            }
            assertFalse(heidi.isClosed());
        }
    }
}
