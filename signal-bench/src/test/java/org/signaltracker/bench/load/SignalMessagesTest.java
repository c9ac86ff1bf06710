package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.DslJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.signaling.Names;

class SignalMessagesTest {

    private static final DslJson<Object> JSON = new DslJson<>();
    private final ClientFrame frame = new ClientFrame(new SplittableRandom(7));
    private final SignalMessages messages = new SignalMessages("a1b2c3");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(byte[] bytes) throws Exception {
        return JSON.deserialize(Map.class, bytes, bytes.length);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void usernamesAreUniqueAndValidServerNames() {
        String first = ascii(messages.username(0));
        String other = ascii(messages.username(1_234_567));
        assertEquals("sba1b2c3-0000000", first);
        assertEquals("sba1b2c3-1234567", other);
        assertTrue(Names.isValid(first) && Names.isValid(other));
        assertEquals(6, SignalMessages.runTag(System.nanoTime()).length());
        assertNotEquals(SignalMessages.runTag(1), SignalMessages.runTag(2));
        assertTrue(SignalMessages.runTag(-5).matches("[a-z0-9]{6}"));
    }

    @Test
    void identifyAndJoinAreTheNativeShapes() throws Exception {
        messages.identify(frame, messages.username(42));
        Map<String, Object> identify = parse(frame.payload());
        assertEquals(Map.of("type", "IDENTIFY", "username", "sba1b2c3-0000042"), identify);
        messages.joinRoom(frame, 7);
        Map<String, Object> join = parse(frame.payload());
        assertEquals("JOIN_ROOM", join.get("type"));
        assertEquals("sba1b2c3-room-0000007", join.get("roomId"));
        assertTrue(Names.isValid((String) join.get("roomId")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCandidateGoesToItsTargetAndTheReplyToTheStampedSender() throws Exception {
        messages.candidate(frame, messages.username(3));
        byte[] sent = frame.payload();
        Map<String, Object> candidate = parse(sent);
        assertEquals("ICE_CANDIDATE", candidate.get("type"));
        assertEquals("sba1b2c3-0000003", candidate.get("toPeerId"));
        assertTrue(((String) ((Map<String, Object>) candidate.get("candidate")).get("candidate")).startsWith("candidate:"));
        assertTrue(sent.length > 150 && sent.length < 300, "the size of a browser's candidate: " + sent.length);

        // What the server relays: the sender's members and its stamp last.
        String relayed = ascii(sent, 0, sent.length - 1) + ",\"fromPeerId\":\"sba1b2c3-0000002\"}";
        ReceivedMessage in = new ReceivedMessage();
        byte[] relayedBytes = relayed.getBytes(StandardCharsets.US_ASCII);
        in.read(relayedBytes, 0, relayedBytes.length);
        messages.reply(frame, in);
        Map<String, Object> reply = parse(frame.payload());
        assertEquals("ICE_CANDIDATE", reply.get("type"));
        assertEquals("sba1b2c3-0000002", reply.get("toPeerId"));
        assertEquals(candidate.get("candidate"), reply.get("candidate"));
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }
}
