package org.signaltracker.core.protocol.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.only;
import static org.signaltracker.core.protocol.signaling.SignalingFixture.session;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.signaling.SignalingConnection;

class SignalingDispatcherV1Test {

    private final SignalingFixture f = new SignalingFixture();

    @Test
    void v1ToV1KeepsTypeAndPayloadAndStampsTheOriginator() {
        SignalingConnection carol = f.v1("carol");
        SignalingConnection dave = f.v1("dave");
        f.send(carol, "{\"payload\":{\"sdp\":\"v=0\",\"n\":[1,2]},\"type\":\"offer\",\"target\":\"dave\","
                + "\"originator\":\"mallory\"}");
        assertEquals(List.of("{\"target\":\"dave\",\"type\":\"offer\",\"originator\":\"carol\","
                + "\"payload\":{\"sdp\":\"v=0\",\"n\":[1,2]}}"), session(dave).drain());
        f.send(dave, "{\"target\":\"carol\",\"type\":\"x\",\"payload\":\"just text\"}");
        assertEquals(List.of("{\"target\":\"carol\",\"type\":\"x\",\"originator\":\"dave\",\"payload\":\"just text\"}"),
                session(carol).drain());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"target\":\"nobody\",\"type\":\"offer\",\"payload\":1}   | \"nobody\" | 2201",
        "{\"type\":\"offer\",\"payload\":1}                         | null       | 2603",
        "{\"target\":7,\"type\":\"offer\",\"payload\":1}            | 7          | 2603",
        "{\"target\":\"dave\",\"payload\":1}                        | \"dave\"   | 2603",
        "{\"target\":\"dave\",\"type\":\"\",\"payload\":1}          | \"dave\"   | 2603",
        "{\"target\":\"dave\",\"type\":[],\"payload\":1}            | \"dave\"   | 2603",
        "{\"target\":\"dave\",\"type\":\"offer\"}                   | \"dave\"   | 2603",
        "{\"target\":\"dave\",                                      | null       | 2600",
        "[1]                                                        | null       | 2601",
    })
    void errorsComeInTheV1ShapeAndTheConnectionStaysOpen(String json, String target, int code) {
        SignalingConnection carol = f.v1("carol");
        f.v1("dave");
        f.send(carol, json);
        List<String> sent = session(carol).drain();
        assertEquals(1, sent.size(), json);
        String expectedHead = "{\"type\":\"error\",\"target\":" + target + ",\"payload\":{\"code\":" + code
                + ",\"message\":\"";
        assertEquals(expectedHead, sent.get(0).substring(0, Math.min(sent.get(0).length(), expectedHead.length())),
                sent.get(0));
        assertEquals(-1, session(carol).closeCode());
    }

    @Test
    void nativeToV1ArrivesWithTheRestAsPayload() {
        SignalingConnection alice = f.identified("alice");
        SignalingConnection carol = f.v1("carol");
        f.send(alice, "{\"type\":\"SDP_OFFER\",\"toPeerId\":\"carol\",\"fromPeerId\":\"x\",\"sdp\":{\"a\":1},\"k\":true}");
        assertEquals(List.of("{\"target\":\"carol\",\"type\":\"SDP_OFFER\",\"originator\":\"alice\","
                + "\"payload\":{\"sdp\":{\"a\":1},\"k\":true}}"), session(carol).drain());
    }

    @Test
    void v1ToNativeArrivesWithThePayloadAsFieldsOrAsPayload() {
        SignalingConnection alice = f.identified("alice");
        SignalingConnection carol = f.v1("carol");
        f.send(carol, "{\"target\":\"alice\",\"type\":\"ICE_CANDIDATE\",\"payload\":{\"candidate\":\"c\","
                + "\"fromPeerId\":\"mallory\",\"type\":\"x\",\"toPeerId\":\"y\",\"sdpMid\":\"0\"}}");
        assertEquals(List.of("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"alice\",\"candidate\":\"c\",\"sdpMid\":\"0\","
                + "\"fromPeerId\":\"carol\"}"), session(alice).drain());
        f.send(carol, "{\"target\":\"alice\",\"type\":\"note\",\"payload\":[1,\"two\"]}");
        assertEquals(List.of("{\"type\":\"note\",\"toPeerId\":\"alice\",\"payload\":[1,\"two\"],\"fromPeerId\":\"carol\"}"),
                session(alice).drain());
        f.send(carol, "{\"target\":\"alice\",\"type\":\"empty\",\"payload\":{}}");
        assertEquals(Map.of("type", "empty", "toPeerId", "alice", "fromPeerId", "carol"), only(alice));
    }

    @Test
    void aNewConnectionForTheUserReplacesTheOldAndKickClosesThemWith4002() {
        String cookie = f.hub.register("carol").cookieValue();
        SignalingConnection first = f.dispatcher.openV1(new RecordingPeerSession(), f.hub.registeredUser(cookie));
        SignalingConnection second = f.dispatcher.openV1(new RecordingPeerSession(), f.hub.registeredUser(cookie));
        assertEquals(4001, session(first).closeCode());
        SignalingConnection alice = f.identified("alice");
        assertEquals(1, f.dispatcher.kickV1());
        assertEquals(4002, session(second).closeCode());
        assertEquals(-1, session(alice).closeCode());
        f.send(alice, "{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"carol\"}");
        assertEquals(2201, SignalingFixture.code(only(alice)));
    }

    @Test
    void anExpiredRegistrationClosesTheUpgradedConnectionWith4004() {
        RecordingPeerSession late = new RecordingPeerSession();
        assertNull(f.dispatcher.openV1(late, "never-registered"));
        assertEquals(4004, late.closeCode());
    }
}
