package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.DslJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutboundMessagesTest {

    private static final DslJson<Object> JSON = new DslJson<>();
    private final ClientFrame frame = new ClientFrame(new SplittableRandom(7));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(byte[] bytes) throws Exception {
        return JSON.deserialize(Map.class, bytes, bytes.length);
    }

    @Test
    @SuppressWarnings("unchecked")
    void announceIsValidWebTorrentJsonWithTwentyCharacterIds() throws Exception {
        OutboundMessages messages = new OutboundMessages(300);
        byte[] peer = OutboundMessages.randomId(new SplittableRandom(1));
        messages.announce(frame, OutboundMessages.TORRENT_PREFIX, 42, peer, OutboundMessages.Event.STARTED, 50, 5, 7);
        Map<String, Object> announce = parse(frame.payload());
        assertEquals("announce", announce.get("action"));
        assertEquals("T0000000000000000042", announce.get("info_hash"));
        assertEquals(new String(peer, StandardCharsets.US_ASCII), announce.get("peer_id"));
        assertEquals("started", announce.get("event"));
        assertEquals(50L, ((Number) announce.get("left")).longValue());
        assertEquals(5L, ((Number) announce.get("numwant")).longValue());
        List<Object> offers = (List<Object>) announce.get("offers");
        assertEquals(5, offers.size());
        Map<String, Object> first = (Map<String, Object>) offers.get(0);
        Map<String, Object> last = (Map<String, Object>) offers.get(4);
        assertEquals(20, ((String) first.get("offer_id")).length());
        assertNotEquals(first.get("offer_id"), last.get("offer_id"));
        assertEquals(300, ((String) ((Map<String, Object>) first.get("offer")).get("sdp")).length() + 2,
                "the SDP is sdpBytes long on the wire (\\r\\n is 4 bytes escaped, 2 characters parsed)");
    }

    @Test
    void eventsAndOfferIdsDependOnTheirArguments() throws Exception {
        OutboundMessages messages = new OutboundMessages(10);
        byte[] peer = OutboundMessages.randomId(new SplittableRandom(2));
        messages.announce(frame, OutboundMessages.PAIR_PREFIX, 3, peer, OutboundMessages.Event.NONE, 100, 1, 12);
        Map<String, Object> relayOffer = parse(frame.payload());
        assertFalse(relayOffer.containsKey("event"));
        assertEquals("R0000000000000000003", relayOffer.get("info_hash"));
        String offerId = (String) ((Map<?, ?>) ((List<?>) relayOffer.get("offers")).get(0)).get("offer_id");
        assertEquals(new String(peer, 0, 8, StandardCharsets.US_ASCII) + "000000000120", offerId);

        messages.announce(frame, OutboundMessages.TORRENT_PREFIX, 0, peer, OutboundMessages.Event.COMPLETED, 0, 0, 0);
        Map<String, Object> seeder = parse(frame.payload());
        assertEquals("completed", seeder.get("event"));
        assertFalse(seeder.containsKey("offers"));
    }

    @Test
    void answerEchoesTheOffersIdsByteForByte() throws Exception {
        String offer = "{\"action\":\"announce\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"},\"offer_id\":\"OFFER-7\","
                + "\"peer_id\":\"FROMFROMFROMFROMFROM\",\"info_hash\":\"T0000000000000000009\"}";
        ReceivedMessage m = new ReceivedMessage();
        byte[] bytes = offer.getBytes(StandardCharsets.US_ASCII);
        m.read(bytes, 0, bytes.length);
        assertTrue(OutboundMessages.answerable(m));
        byte[] me = "MEMEMEMEMEMEMEMEMEME".getBytes(StandardCharsets.US_ASCII);
        new OutboundMessages(20).answer(frame, m, me);
        Map<String, Object> answer = parse(frame.payload());
        assertEquals("T0000000000000000009", answer.get("info_hash"));
        assertEquals("MEMEMEMEMEMEMEMEMEME", answer.get("peer_id"));
        assertEquals("FROMFROMFROMFROMFROM", answer.get("to_peer_id"));
        assertEquals("OFFER-7", answer.get("offer_id"));
        assertEquals("answer", ((Map<?, ?>) answer.get("answer")).get("type"));
    }

    @Test
    void everySdpSizeGivesValidJson() throws Exception {
        byte[] peer = "P0000000000000000001".getBytes(StandardCharsets.US_ASCII);
        for (int size = 1; size <= 12; size++) {
            OutboundMessages messages = new OutboundMessages(size);
            messages.announce(frame, OutboundMessages.TORRENT_PREFIX, 1, peer, OutboundMessages.Event.STARTED, 50, 1, 0);
            assertEquals("announce", parse(frame.payload()).get("action"), "sdpBytes " + size);
        }
    }

    @Test
    void numbersAreWrittenInDecimal() {
        frame.begin().putNumber(0).put((byte) ' ').putNumber(9).put((byte) ' ').putNumber(10).put((byte) ' ')
                .putNumber(1234567890123L).put((byte) ' ').putDigits(42, 5);
        assertEquals("0 9 10 1234567890123 00042", new String(frame.payload(), StandardCharsets.US_ASCII));
    }
}
