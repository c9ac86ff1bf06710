package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every error of issue 8 section 2 that crosses the wire, on {@code /ws} and {@code /v1/connect}: each bad
 * message gets its own ERROR with a numeric code and the connection stays open (binary frame, malformed JSON,
 * arrays and other non-objects, a missing or non-string type, an unknown type, each missing field, anything
 * before IDENTIFY); a frame over the size limit closes with 1009 and is not relayed; invalid UTF-8 closes
 * with 1007. Bystanders are unaffected throughout.
 */
class SignalingErrorsOverTheWireTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    private static long errorCode(RawWebSocket socket, String message) throws Exception {
        socket.sendText(message);
        return errorCode(socket);
    }

    private static long errorCode(RawWebSocket socket) throws Exception {
        RawWebSocket.Frame frame = socket.readFrame();
        assertEquals(RawWebSocket.TEXT, frame.opcode(), "an error message, not a close");
        Map<String, Object> error = Signaling.json(frame.text());
        assertEquals("ERROR", error.get("type"), error.toString());
        assertTrue(error.get("message") instanceof String);
        return Signaling.number(error.get("code"));
    }

    @Test
    void everyBadMessageGetsItsOwnErrorAndTheConnectionStaysOpen() throws Exception {
        try (RawWebSocket bad = new RawWebSocket(SERVER.port(), 0, "/ws");
                TestClient bystander = Signaling.identified(SERVER, "bystander")) {
            assertEquals(2120, errorCode(bad, "{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\"}"), "before IDENTIFY");
            assertEquals(2120, errorCode(bad, "{\"type\":\"SDP_OFFER\",\"toPeerId\":\"bystander\"}"));
            bad.sendText("{\"type\":\"IDENTIFY\",\"username\":\"bad\"}");
            assertEquals("AUTH_SUCCESS", Signaling.json(bad.readFrame().text()).get("type"));

            bad.sendFrame(RawWebSocket.BINARY, true, "{\"type\":\"PRESENCE\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(2605, errorCode(bad), "binary frame");
            assertEquals(2600, errorCode(bad, "{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\""), "truncated JSON");
            assertEquals(2600, errorCode(bad, "{\"type\":\"JOIN_ROOM\"} trailing"), "trailing characters");
            assertEquals(2600, errorCode(bad, "{type:\"JOIN_ROOM\"}"), "unquoted key");
            assertEquals(2600, errorCode(bad, "{\"type\":\"JOIN_ROOM\"/*c*/}"), "comment");
            assertEquals(2601, errorCode(bad, "[{\"type\":\"JOIN_ROOM\",\"roomId\":\"r\"}]"), "arrays: no batches");
            assertEquals(2601, errorCode(bad, "\"JOIN_ROOM\""), "a string");
            assertEquals(2601, errorCode(bad, "42"), "a number");
            assertEquals(2601, errorCode(bad, "{\"roomId\":\"r\"}"), "no type");
            assertEquals(2601, errorCode(bad, "{\"type\":7}"), "a type that is not a string");
            assertEquals(2602, errorCode(bad, "{\"type\":\"DANCE\"}"), "unknown type");
            assertEquals(2603, errorCode(bad, "{\"type\":\"JOIN_ROOM\"}"), "JOIN_ROOM without roomId");
            assertEquals(2603, errorCode(bad, "{\"type\":\"LEAVE_ROOM\"}"), "LEAVE_ROOM without roomId");
            assertEquals(2603, errorCode(bad, "{\"type\":\"JOIN_ROOM\",\"roomId\":\"has space\"}"), "invalid roomId");
            for (String relay : new String[] {"SDP_OFFER", "SDP_ANSWER", "ICE_CANDIDATE"}) {
                assertEquals(2603, errorCode(bad, "{\"type\":\"" + relay + "\",\"sdp\":\"x\"}"), relay);
                assertEquals(2603, errorCode(bad, "{\"type\":\"" + relay + "\",\"toPeerId\":5}"), relay);
            }
            assertEquals(2603, errorCode(bad, "{\"type\":\"PRESENCE\"}"), "PRESENCE without peerIds");
            assertEquals(2603, errorCode(bad, "{\"type\":\"PRESENCE\",\"peerIds\":\"bystander\"}"));
            assertEquals(2611, errorCode(bad, "{\"type\":\"IDENTIFY\",\"username\":\"again\"}"));

            // Still open and well: a relay gets through.
            bad.sendText("{\"type\":\"SDP_OFFER\",\"toPeerId\":\"bystander\",\"sdp\":\"ok\"}");
            assertEquals("bad", bystander.next().get("fromPeerId"));

            // A frame over websocket.maxFrameBytes (128 KiB) closes with 1009 and is not relayed.
            bad.sendFrameStart(RawWebSocket.TEXT, 140_000,
                    "{\"type\":\"SDP_OFFER\",\"toPeerId\":\"bystander\",\"sdp\":\"".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame close = bad.readUntilClose();
            assertEquals(1009, close.closeCode());
            assertEquals(null, bystander.poll(200), "the oversized message was not relayed");
        }
        try (RawWebSocket invalid = new RawWebSocket(SERVER.port(), 0, "/ws")) {
            invalid.sendFrame(RawWebSocket.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertEquals(1007, invalid.readUntilClose().closeCode(), "invalid UTF-8 in a text message");
        }
    }

    @Test
    void v1ErrorsKeepTheV1Shape() throws Exception {
        String cookie = Signaling.register(SERVER, "v1bad");
        try (TestClient v1 = Signaling.connectV1(SERVER, cookie, "v1bad")) {
            v1.send("{\"target\":\"x\",");
            Map<String, Object> malformed = v1.next();
            assertEquals("error", malformed.get("type"));
            assertEquals(2600L, Signaling.number(((Map<?, ?>) malformed.get("payload")).get("code")));
            v1.send("{\"type\":\"t\",\"payload\":1}");
            Map<String, Object> noTarget = v1.next();
            assertEquals(2603L, Signaling.number(((Map<?, ?>) noTarget.get("payload")).get("code")));
            v1.send("{\"target\":\"x\",\"type\":\"t\"}");
            Map<String, Object> noPayload = v1.next();
            assertEquals("x", noPayload.get("target"));
            assertEquals(2603L, Signaling.number(((Map<?, ?>) noPayload.get("payload")).get("code")));
            v1.sendBinary(new byte[] {1, 2, 3});
            assertEquals(2605L, Signaling.number(((Map<?, ?>) v1.next().get("payload")).get("code")));
            assertFalse(v1.isClosed());
        }
    }
}
