package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.error.TrackerError;

/**
 * Answers go only where an offer went (issue 7, finding 8): forged answers, from a made-up peer_id or for
 * an offer never sent to the answerer, get a failure with action and info_hash and reach nobody, while the
 * real offer and its answer still pass, once.
 */
class ForgedAnswerTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void forgedAnswersAreRefusedAndTheRealPairStillConnects() throws Exception {
        try (TestClient seeder = TestClient.connect(SERVER.uri("/announce"));
                TestClient leecher = TestClient.connect(SERVER.uri("/announce"));
                TestClient mallory = TestClient.connect(SERVER.uri("/announce"))) {
            seeder.send(Wire.announce("movie", "seeder", "started", 0));
            seeder.next();
            leecher.send(Wire.announceWithOffer("movie", "leecher", "started", "offer-1", "v=0"));
            leecher.next();
            assertEquals(Wire.id("offer-1"), seeder.next().get("offer_id"), "the seeder got the leecher's offer");
            mallory.send(Wire.announce("movie", "mallory", "started", 100));
            mallory.next();

            // Made-up peer_id, to a peer that sent it nothing.
            mallory.send(Wire.answer("movie", "nobody", "leecher", "offer-1", "v=0 forged"));
            assertFailure(mallory.next(), TrackerError.ANSWER_FROM_NON_MEMBER);
            // A member, but the leecher's offer went to the seeder, not to her.
            mallory.send(Wire.answer("movie", "mallory", "leecher", "offer-1", "v=0 forged"));
            assertFailure(mallory.next(), TrackerError.ANSWER_WITHOUT_OFFER);
            // A made-up offer_id.
            mallory.send(Wire.answer("movie", "mallory", "leecher", "made-up", "v=0 forged"));
            assertFailure(mallory.next(), TrackerError.ANSWER_WITHOUT_OFFER);

            // A forged answer, had it been relayed, was queued to the leecher before the failures above were
            // written, so the leecher's next message tells whether any got through.
            seeder.send(Wire.answer("movie", "seeder", "leecher", "offer-1", "v=0 real"));
            Map<String, Object> answer = leecher.next();
            assertEquals(Wire.id("seeder"), answer.get("peer_id"), "a forged answer reached the leecher first");
            assertEquals(Wire.id("offer-1"), answer.get("offer_id"));
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) answer.get("answer");
            assertEquals("v=0 real", body.get("sdp"));

            seeder.send(Wire.answer("movie", "seeder", "leecher", "offer-1", "v=0 again"));
            assertFailure(seeder.next(), TrackerError.ANSWER_WITHOUT_OFFER);
            assertNull(leecher.poll(200), "an offer is answered once only");
            assertFalse(mallory.isClosed(), "refused answers must not close the socket");
            assertFalse(seeder.isClosed());
        }
    }

    private static void assertFailure(Map<String, Object> message, TrackerError expected) {
        assertEquals("announce", message.get("action"));
        assertEquals(Wire.id("movie"), message.get("info_hash"));
        assertEquals(expected.reason(), message.get("failure reason"));
    }
}
