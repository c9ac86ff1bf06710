package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReceivedMessageTest {

    private final ReceivedMessage m = new ReceivedMessage();

    private ReceivedMessage read(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return m.read(bytes, 0, bytes.length);
    }

    private static String range(ReceivedMessage m, int start, int length) {
        return start < 0 ? null : new String(m.bytes(), start, length, StandardCharsets.UTF_8);
    }

    @Test
    void theTrackersMessagesAreClassifiedByTheirTopLevelKeys() {
        // The shapes signal-tracker's encoder writes (action first, then the kind's own keys).
        assertEquals(ReceivedMessage.Kind.RESPONSE, read("{\"action\":\"announce\",\"interval\":120,\"min interval\":0,"
                + "\"complete\":1,\"incomplete\":0,\"info_hash\":\"T0000000000000000007\"}").kind());
        assertEquals(1, m.complete());
        assertEquals(7, m.torrentNumber(OutboundMessages.TORRENT_PREFIX));
        assertEquals(ReceivedMessage.Kind.OFFER, read("{\"action\":\"announce\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v\"},"
                + "\"offer_id\":\"OID\",\"peer_id\":\"PEER\",\"info_hash\":\"HASH\"}").kind());
        assertEquals("OID", range(m, m.offerIdStart(), m.offerIdLength()));
        assertEquals("PEER", range(m, m.peerIdStart(), m.peerIdLength()));
        assertEquals("HASH", range(m, m.infoHashStart(), m.infoHashLength()));
        assertEquals(ReceivedMessage.Kind.ANSWER, read("{\"action\":\"announce\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v\"},"
                + "\"offer_id\":\"OID\",\"peer_id\":\"PEER\",\"info_hash\":\"HASH\"}").kind());
        assertEquals(ReceivedMessage.Kind.FAILURE, read("{\"action\":\"announce\",\"failure reason\":\"too many messages: slow down\"}").kind());
        assertEquals(-1, m.infoHashStart());
        assertEquals(-1, m.torrentNumber(OutboundMessages.TORRENT_PREFIX));
        assertEquals(ReceivedMessage.Kind.SCRAPE, read("{\"action\":\"scrape\",\"files\":{\"x\":{\"complete\":1}}}").kind());
        assertEquals(-1, m.complete(), "a nested complete is not the top-level one");
    }

    @Test
    void keyOrderAndWhitespaceDoNotMatter() {
        // bittorrent-tracker's JSON.stringify order, and spaces a hand-written server might add.
        read("{ \"info_hash\" : \"T0000000000000000012\" , \"failure reason\" : \"x\" , \"action\" : \"announce\" }");
        assertEquals(ReceivedMessage.Kind.FAILURE, m.kind());
        assertEquals(12, m.torrentNumber(OutboundMessages.TORRENT_PREFIX));
        assertEquals(-1, m.torrentNumber(OutboundMessages.PAIR_PREFIX));
        read("{\n\t\"action\": \"announce\",\n\t\"interval\": 120,\n\t\"complete\": 3\r\n}");
        assertEquals(ReceivedMessage.Kind.RESPONSE, m.kind());
        assertEquals(3, m.complete(), "a number ends at any whitespace");
    }

    @Test
    void keysInsideStringsOrNestedObjectsDoNotCount() {
        read("{\"action\":\"announce\",\"answer\":{\"type\":\"answer\",\"sdp\":\"a \\\"offer\\\": {\\\"failure reason\\\"\","
                + "\"offer\":1},\"interval\":5}");
        assertEquals(ReceivedMessage.Kind.ANSWER, m.kind(), "offer and failure reason appear only inside the answer");
        read("{\"action\":\"announce\",\"warning message\":\"\\\"interval\\\":\",\"peer_id\":\"a\\\\\"}");
        assertEquals(ReceivedMessage.Kind.OTHER, m.kind());
        assertEquals("a\\\\", range(m, m.peerIdStart(), m.peerIdLength()), "an escaped backslash ends before the quote");
    }

    @Test
    void stringsEndAtTheRightQuoteWhereverQuotesAndEscapesFallInAWord() {
        // The scan skips eight bytes at a time: put the escape and the closing quote at every offset.
        for (int before = 0; before < 20; before++) {
            for (int after = 0; after < 10; after++) {
                String id = "a".repeat(before) + "\\\"" + "b".repeat(after) + "\\\\";
                read("{\"peer_id\":\"" + id + "\",\"interval\":1}");
                assertEquals(ReceivedMessage.Kind.RESPONSE, m.kind(), id);
                assertEquals(id, range(m, m.peerIdStart(), m.peerIdLength()));
            }
        }
    }

    @Test
    void brokenInputIsOtherAndNeverThrows() {
        for (String junk : new String[] {"", "[]", "{", "{\"interval", "{\"interval\"", "{\"interval\":", "{\"a\":\"\\",
            "{\"a\":{\"b\":[1,2", "null", "{\"complete\":99999999999999999999999}"}) {
            read(junk);
            assertEquals(ReceivedMessage.Kind.OTHER, m.kind(), junk);
        }
        assertEquals(-1, m.complete(), "a number too long to be a count is not one");
    }

    @Test
    void readsTheReadableBytesOfABufferWithoutConsumingThem() {
        ByteBuf buf = Unpooled.copiedBuffer("xx{\"action\":\"announce\",\"interval\":1}", StandardCharsets.US_ASCII);
        buf.readerIndex(2);
        assertEquals(ReceivedMessage.Kind.RESPONSE, m.read(buf).kind());
        assertEquals(2, buf.readerIndex());
        buf.release();
    }

    @Test
    void messagesLongerThanTheInitialArrayAreRead() {
        String big = "{\"action\":\"announce\",\"answer\":{\"sdp\":\"" + "a".repeat(100_000) + "\"},\"peer_id\":\"P\"}";
        assertEquals(ReceivedMessage.Kind.ANSWER, read(big).kind());
        assertEquals("P", range(m, m.peerIdStart(), m.peerIdLength()));
    }

    @Test
    void theSignalingMessagesAreClassifiedByTheirTopLevelType() {
        assertEquals(ReceivedMessage.Kind.AUTHENTICATED,
                read("{\"type\":\"AUTH_SUCCESS\",\"status\":\"success\",\"username\":\"a\"}").kind());
        assertEquals(ReceivedMessage.Kind.FAILURE, read("{\"type\":\"ERROR\",\"code\":4004,\"message\":\"x\"}").kind());
        assertEquals(ReceivedMessage.Kind.FAILURE, read("{\"type\":\"AUTH_ERROR\",\"message\":\"taken\"}").kind());
        assertEquals(ReceivedMessage.Kind.ROOM_MEMBERS,
                read("{\"type\":\"ROOM_MEMBERS\",\"roomId\":\"r\",\"members\":[\"a\",\"b\"]}").kind());
        assertEquals(ReceivedMessage.Kind.ROOM_EVENT,
                read("{\"type\":\"NEW_PEER_IN_ROOM\",\"roomId\":\"r\",\"peerId\":\"b\"}").kind());
        assertEquals(ReceivedMessage.Kind.ROOM_EVENT,
                read("{\"type\":\"PEER_LEFT_ROOM\",\"roomId\":\"r\",\"peerId\":\"b\"}").kind());
        assertEquals(ReceivedMessage.Kind.OTHER, read("{\"type\":\"WELCOME\",\"roomId\":\"r\"}").kind());
    }

    @Test
    void aRelayedCandidateGivesItsStampedSenderAndANestedTypeChangesNothing() {
        // The server stamps fromPeerId last; the candidate object has no type, an SDP does.
        read("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"bob\",\"candidate\":{\"candidate\":\"candidate:1 1 udp\","
                + "\"type\":\"ERROR\"},\"fromPeerId\":\"sbabc-0000001\"}");
        assertEquals(ReceivedMessage.Kind.RELAYED, m.kind());
        assertEquals("sbabc-0000001", range(m, m.fromPeerIdStart(), m.fromPeerIdLength()));
        assertEquals(true, m.fromPeerIdIs("sbabc-0000001".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(false, m.fromPeerIdIs("sbabc-0000002".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ReceivedMessage.Kind.RELAYED, read("{\"type\":\"SDP_ANSWER\",\"sdp\":{\"type\":\"answer\"}}").kind());
        assertEquals(false, m.fromPeerIdIs("x".getBytes(StandardCharsets.US_ASCII)), "no fromPeerId at all");
        // A WebTorrent answer's type is nested: still an answer.
        assertEquals(ReceivedMessage.Kind.ANSWER, read("{\"action\":\"announce\",\"answer\":{\"type\":\"answer\"}}").kind());
    }
}
