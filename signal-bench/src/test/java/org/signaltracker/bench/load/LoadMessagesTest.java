package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.dslplatform.json.DslJson;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadMessagesTest {

    private static final DslJson<Object> JSON = new DslJson<>();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) throws Exception {
        byte[] bytes = LoadMessages.utf8(json);
        return JSON.deserialize(Map.class, bytes, bytes.length);
    }

    @Test
    @SuppressWarnings("unchecked")
    void announceIsValidWebTorrentJsonWithTwentyCharacterIds() throws Exception {
        LoadMessages messages = new LoadMessages(300);
        String peer = LoadMessages.randomId(new SplittableRandom(1));
        Map<String, Object> announce = parse(messages.announce(LoadMessages.torrentHash(42), peer, "started", 50, 5, peer));
        assertEquals("announce", announce.get("action"));
        assertEquals(20, ((String) announce.get("info_hash")).length());
        assertEquals(peer, announce.get("peer_id"));
        List<Object> offers = (List<Object>) announce.get("offers");
        assertEquals(5, offers.size());
        Map<String, Object> first = (Map<String, Object>) offers.get(0);
        assertEquals(20, ((String) first.get("offer_id")).length());
        assertEquals(300, ((String) ((Map<String, Object>) first.get("offer")).get("sdp")).length() + 2,
                "the SDP is sdpBytes long on the wire (\\r\\n is 4 bytes escaped, 2 characters parsed)");
    }

    @Test
    void receivedMessagesAreClassifiedAndFieldsExtracted() throws Exception {
        String offer = "{\"action\":\"announce\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"},\"offer_id\":\"OFFERID\","
                + "\"peer_id\":\"PEER\",\"info_hash\":\"HASH\"}";
        assertEquals(LoadMessages.Kind.OFFER, LoadMessages.kindOf(offer));
        assertEquals("PEER", LoadMessages.field(offer, "peer_id"));
        assertEquals("OFFERID", LoadMessages.field(offer, "offer_id"));
        assertNull(LoadMessages.field(offer, "to_peer_id"));
        assertEquals(LoadMessages.Kind.RESPONSE, LoadMessages.kindOf("{\"action\":\"announce\",\"interval\":120}"));
        assertEquals(LoadMessages.Kind.FAILURE, LoadMessages.kindOf("{\"action\":\"announce\",\"failure reason\":\"x\"}"));
        assertEquals(LoadMessages.Kind.ANSWER, LoadMessages.kindOf("{\"action\":\"announce\",\"answer\":{}}"));
        Map<String, Object> answer = parse(new LoadMessages(10).answer("HASH", "ME", "PEER", "OFFERID"));
        assertEquals("PEER", answer.get("to_peer_id"));
    }

    @Test
    void everySdpSizeGivesValidJson() throws Exception {
        for (int size = 1; size <= 12; size++) {
            LoadMessages messages = new LoadMessages(size);
            String announce = messages.announce("T0000000000000000001", "P0000000000000000001", "started", 50, 1,
                    "P0000000000000000001");
            assertEquals("announce", parse(announce).get("action"), "sdpBytes " + size);
            parse(messages.answer("T0000000000000000001", "P0000000000000000001", "Q0000000000000000001", "O1"));
        }
    }
}
