package org.signaltracker.core.protocol.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.code;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.only;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.session;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.signaling.KeyedRole;
import org.signaltracker.core.signaling.SignalingConnection;
import org.signaltracker.core.signaling.SignalingHub;

class SignalingDispatcherKeyedTest {

    private final SignalingFixture f = new SignalingFixture();
    private final SignalingHub.KeyedCreation room = f.hub.createKeyedRoom("10.0.0.1");

    @Test
    void everyConnectionIsWelcomedWithAFreshPeerIdAndItsRole() {
        SignalingConnection client = f.keyed(room, KeyedRole.CLIENT);
        Map<String, Object> welcome = only(client);
        assertEquals("WELCOME", welcome.get("type"));
        assertEquals(room.roomId(), welcome.get("roomId"));
        assertEquals(client.name(), welcome.get("peerId"));
        assertEquals("client", welcome.get("role"));
        SignalingConnection master = f.keyed(room, KeyedRole.MASTER);
        List<String> got = session(master).drain();
        assertEquals(2, got.size(), "WELCOME, then the client already there");
        assertEquals("master", SignalingFixture.parse(got.get(0)).get("role"));
        assertEquals(Map.of("type", "NEW_PEER_IN_ROOM", "roomId", room.roomId(), "peerId", client.name()),
                SignalingFixture.parse(got.get(1)));
        assertNotEquals(client.name(), master.name());
    }

    @Test
    void aClientWithoutToPeerIdReachesTheMasterOrGets2201() {
        SignalingConnection client = f.keyed(room, KeyedRole.CLIENT);
        session(client).drain();
        f.send(client, "{\"type\":\"SDP_OFFER\",\"sdp\":\"v=0\"}");
        Map<String, Object> error = only(client);
        assertEquals(2201, code(error));
        assertEquals("Remote user cannot be reached: the room has no master", error.get("message"));
        SignalingConnection master = f.keyed(room, KeyedRole.MASTER);
        session(master).drain();
        f.send(client, "{\"type\":\"SDP_OFFER\",\"sdp\":\"v=0\",\"fromPeerId\":\"master\"}");
        assertEquals(List.of("{\"type\":\"SDP_OFFER\",\"sdp\":\"v=0\",\"fromPeerId\":\"" + client.name() + "\"}"),
                session(master).drain());
        f.send(master, "{\"type\":\"SDP_ANSWER\",\"toPeerId\":\"" + client.name() + "\",\"sdp\":\"v=0\"}");
        assertEquals(master.name(), only(client).get("fromPeerId"));
        f.send(master, "{\"type\":\"SDP_ANSWER\",\"sdp\":\"v=0\"}");
        assertEquals(2603, code(only(master)), "a master must name its client");
    }

    @Test
    void keyedPeersSendOnlyRelaysAndReachOnlyTheirRoom() {
        SignalingConnection client = f.keyed(room, KeyedRole.CLIENT);
        session(client).drain();
        for (String type : List.of("IDENTIFY", "JOIN_ROOM", "LEAVE_ROOM", "PRESENCE")) {
            f.send(client, "{\"type\":\"" + type + "\",\"username\":\"x\",\"roomId\":\"r\",\"peerIds\":[]}");
            assertEquals(2614, code(only(client)), type);
        }
        SignalingConnection alice = f.identified("alice");
        f.send(client, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"alice\"}");
        assertEquals(2201, code(only(client)), "/ws identities are not in the room");
        f.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"" + client.name() + "\"}");
        assertEquals(2201, code(only(alice)), "keyed peers are unreachable from /ws");
        f.send(alice, "{\"type\":\"PRESENCE\",\"peerIds\":[\"" + client.name() + "\"]}");
        assertEquals(Map.of(client.name(), false), only(alice).get("online"));
        SignalingHub.KeyedCreation other = f.hub.createKeyedRoom("10.0.0.1");
        SignalingConnection stranger = f.keyed(other, KeyedRole.MASTER);
        f.send(stranger, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"" + client.name() + "\"}");
        session(stranger).drain();
        f.send(stranger, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"" + client.name() + "\"}");
        assertEquals(2201, code(only(stranger)), "another room's peer");
    }

    @Test
    void aSecondMasterReplacesTheFirstAndClientLeavesAreHeard() {
        SignalingConnection first = f.keyed(room, KeyedRole.MASTER);
        SignalingConnection client = f.keyed(room, KeyedRole.CLIENT);
        SignalingConnection second = f.keyed(room, KeyedRole.MASTER);
        assertEquals(4001, session(first).closeCode());
        session(second).drain();
        f.dispatcher.onClose(client);
        assertEquals(Map.of("type", "PEER_LEFT_ROOM", "roomId", room.roomId(), "peerId", client.name()),
                only(second));
    }

    @Test
    void anExpiredRoomClosesTheUpgradedConnectionWith1013() {
        f.clock.advanceSeconds(f.hub.config().keyedRoomIdleSeconds());
        f.hub.sweep();
        RecordingPeerSession late = new RecordingPeerSession();
        assertNull(f.dispatcher.openKeyed(late, room.roomId(), KeyedRole.CLIENT));
        assertEquals(1013, late.closeCode());
    }
}
