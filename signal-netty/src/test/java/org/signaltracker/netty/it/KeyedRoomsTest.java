package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 000 over real sockets: {@code POST /room} gives a room and two keys; the upgrade on
 * {@code /ws/{roomId}} is refused before the handshake for an unknown room (404), a missing or wrong key
 * (403, another room's included) and a plain GET (400); WELCOME names the role; a client's message without
 * {@code toPeerId} reaches the master (2201 while there is none); a second master replaces the first (4001)
 * and hears of every client.
 */
class KeyedRoomsTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    private static Map<String, Object> createRoom() throws Exception {
        HttpResponse<String> created = Signaling.http(SERVER, "POST", "/room", null);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("application/json", created.headers().firstValue("Content-Type").orElse(""));
        return Signaling.json(created.body());
    }

    @Test
    void keyedRoomFromCreationToMasterReplacement() throws Exception {
        Map<String, Object> room = createRoom();
        Map<String, Object> other = createRoom();
        String id = (String) room.get("roomId");
        String mKey = (String) room.get("mKey");
        String cKey = (String) room.get("cKey");
        assertNotEquals(mKey, cKey);
        for (String value : new String[] {id, mKey, cKey}) {
            assertTrue(value.matches("[A-Za-z0-9_-]+"), "URL-safe: " + value);
        }
        assertTrue(mKey.length() >= 22 && cKey.length() >= 22, "at least 128 bits in base64url");

        assertEquals(404, Signaling.upgradeStatus(SERVER, "/ws/nosuchroom?key=" + mKey));
        assertEquals(403, Signaling.upgradeStatus(SERVER, "/ws/" + id));
        assertEquals(403, Signaling.upgradeStatus(SERVER, "/ws/" + id + "?key=wrong"));
        assertEquals(403, Signaling.upgradeStatus(SERVER, "/ws/" + id + "?key=" + other.get("mKey")));
        assertEquals(400, Signaling.http(SERVER, "GET", "/ws/" + id + "?key=" + mKey, null).statusCode());

        try (TestClient client1 = TestClient.connect(SERVER.uri("/ws/" + id + "?cKey=" + cKey))) {
            Map<String, Object> welcome1 = client1.next();
            assertEquals("WELCOME", welcome1.get("type"));
            assertEquals("client", welcome1.get("role"));
            assertEquals(id, welcome1.get("roomId"));
            String client1Id = (String) welcome1.get("peerId");

            client1.send("{\"type\":\"SDP_OFFER\",\"sdp\":\"early\"}");
            Map<String, Object> noMaster = client1.next();
            assertEquals("ERROR", noMaster.get("type"));
            assertEquals(2201L, Signaling.number(noMaster.get("code")), "no master yet");

            try (TestClient client2 = TestClient.connect(SERVER.uri("/ws/" + id + "?key=" + cKey));
                    TestClient master = TestClient.connect(SERVER.uri("/ws/" + id + "?key=" + mKey))) {
                String client2Id = (String) client2.next().get("peerId");
                assertNotEquals(client1Id, client2Id, "a fresh peer id for every connection");
                Map<String, Object> welcome = master.next();
                assertEquals("master", welcome.get("role"));
                String masterId = (String) welcome.get("peerId");
                Set<Object> heard = new HashSet<>();
                heard.add(master.next().get("peerId"));
                heard.add(master.next().get("peerId"));
                assertEquals(Set.of(client1Id, client2Id), heard, "a late master hears of every client");

                client1.send("{\"type\":\"SDP_OFFER\",\"sdp\":\"to-master\",\"fromPeerId\":\"spoof\"}");
                Map<String, Object> atMaster = master.next();
                assertEquals("to-master", atMaster.get("sdp"));
                assertEquals(client1Id, atMaster.get("fromPeerId"));
                master.send("{\"type\":\"SDP_ANSWER\",\"toPeerId\":\"" + client1Id + "\",\"sdp\":\"back\"}");
                Map<String, Object> atClient = client1.next();
                assertEquals("back", atClient.get("sdp"));
                assertEquals(masterId, atClient.get("fromPeerId"));

                // A second master takes over: the first is closed with 4001 and the new one hears the clients.
                try (TestClient master2 = TestClient.connect(SERVER.uri("/ws/" + id + "?mKey=" + mKey))) {
                    assertEquals("master", master2.next().get("role"));
                    assertEquals(4001, master.closeCode());
                    Set<Object> heard2 = new HashSet<>();
                    heard2.add(master2.next().get("peerId"));
                    heard2.add(master2.next().get("peerId"));
                    assertEquals(Set.of(client1Id, client2Id), heard2);
                    client2.send("{\"type\":\"ICE_CANDIDATE\",\"candidate\":\"c\"}");
                    assertEquals(client2Id, master2.next().get("fromPeerId"));
                    client2.close();
                    Map<String, Object> left = master2.next();
                    assertEquals("PEER_LEFT_ROOM", left.get("type"));
                    assertEquals(client2Id, left.get("peerId"));
                }
                // Keyed peers send only the three relays, and cannot reach names outside their room.
                client1.send("{\"type\":\"JOIN_ROOM\",\"roomId\":\"x\"}");
                assertEquals(2614L, Signaling.number(client1.next().get("code")));
                client1.send("{\"type\":\"SDP_OFFER\",\"toPeerId\":\"somebody\",\"sdp\":\"x\"}");
                assertEquals(2201L, Signaling.number(client1.next().get("code")));
                assertFalse(client1.isClosed());
            }
        }
    }
}
