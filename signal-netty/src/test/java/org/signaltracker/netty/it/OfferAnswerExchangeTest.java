package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two peers find each other through the real server and complete an offer/answer exchange. */
class OfferAnswerExchangeTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void offerAndAnswerAreRelayedVerbatimWithTheSendersIds() throws Exception {
        try (TestClient seeder = TestClient.connect(SERVER.uri("/announce"));
                TestClient leecher = TestClient.connect(SERVER.uri("/"))) {
            seeder.send(Wire.announce("movie", "seeder", "started", 0));
            Map<String, Object> first = seeder.next();
            assertEquals("announce", first.get("action"));
            assertEquals(Wire.id("movie"), first.get("info_hash"));
            assertEquals(120L, ((Number) first.get("interval")).longValue());
            assertEquals(1L, ((Number) first.get("complete")).longValue());

            String sdp = "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\na=candidate:1 1 udp 1 127.0.0.1 50000 typ host";
            leecher.send(Wire.announceWithOffer("movie", "leecher", "started", "offer-1", sdp));
            Map<String, Object> response = leecher.next();
            assertEquals(1L, ((Number) response.get("complete")).longValue());
            assertEquals(1L, ((Number) response.get("incomplete")).longValue());

            Map<String, Object> offer = seeder.next();
            assertEquals("announce", offer.get("action"));
            assertEquals(Wire.id("leecher"), offer.get("peer_id"));
            assertEquals(Wire.id("offer-1"), offer.get("offer_id"));
            assertEquals(Wire.id("movie"), offer.get("info_hash"));
            @SuppressWarnings("unchecked")
            Map<String, Object> offerBody = (Map<String, Object>) offer.get("offer");
            assertEquals("offer", offerBody.get("type"));
            assertEquals(sdp.replace("\\r\\n", "\r\n"), offerBody.get("sdp"));

            seeder.send(Wire.answer("movie", "seeder", "leecher", "offer-1", "v=0 answer"));
            Map<String, Object> answer = leecher.next();
            assertEquals(Wire.id("seeder"), answer.get("peer_id"));
            assertEquals(Wire.id("offer-1"), answer.get("offer_id"));
            assertEquals(Wire.id("movie"), answer.get("info_hash"));
            @SuppressWarnings("unchecked")
            Map<String, Object> answerBody = (Map<String, Object>) answer.get("answer");
            assertEquals("v=0 answer", answerBody.get("sdp"));
            assertNull(seeder.poll(200), "an answer gets no response of its own");
            assertFalse(seeder.isClosed());
        }
    }
}
