package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8 section 6 over real sockets: a {@code /ws} peer and a {@code /v1/connect} peer signal each other,
 * each receiving in its own dialect: {@code /ws → /v1} as {target, type, originator, payload: the rest},
 * {@code /v1 → /ws} as {type, toPeerId, fromPeerId, …payload's members} (or {@code payload} when it is not
 * an object).
 */
class CrossDialectRelayTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void nativeAndV1PeersReachEachOtherInTheirOwnShapes() throws Exception {
        String judy = Signaling.register(SERVER, "judy");
        try (TestClient ken = Signaling.identified(SERVER, "ken");
                TestClient judyWs = Signaling.connectV1(SERVER, judy, "judy")) {
            ken.send("{\"type\":\"SDP_OFFER\",\"toPeerId\":\"judy\",\"fromPeerId\":\"spoof\","
                    + "\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"n\":3}");
            assertEquals(Map.of("target", "judy", "type", "SDP_OFFER", "originator", "ken",
                    "payload", Map.of("sdp", Map.of("type", "offer", "sdp", "v=0"), "n", 3L)), judyWs.next());

            judyWs.send("{\"target\":\"ken\",\"type\":\"SDP_ANSWER\",\"payload\":{\"sdp\":\"a\",\"fromPeerId\":\"x\","
                    + "\"toPeerId\":\"y\",\"type\":\"z\"}}");
            assertEquals(Map.of("type", "SDP_ANSWER", "toPeerId", "ken", "fromPeerId", "judy", "sdp", "a"),
                    ken.next());
            judyWs.send("{\"target\":\"ken\",\"type\":\"chat\",\"payload\":\"hello\"}");
            assertEquals(Map.of("type", "chat", "toPeerId", "ken", "fromPeerId", "judy", "payload", "hello"),
                    ken.next());

            ken.send("{\"type\":\"PRESENCE\",\"peerIds\":[\"judy\"]}");
            assertEquals(Map.of("judy", true), ken.next().get("online"), "/v1 users are online identities too");
        }
        try (TestClient ken = Signaling.identified(SERVER, "ken2")) {
            ken.send("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"judy\",\"candidate\":\"c\"}");
            assertEquals(2201L, Signaling.number(ken.next().get("code")), "registered but not connected is offline");
        }
    }
}
