package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/**
 * Two well-behaved peers that must still find each other while an attack runs: one joins a swarm, the
 * other announces with an offer, the first answers it, and the answer arrives. A pair connected before
 * the attack must work during it (a daemon near its memory budget refuses new upgrades, so newcomers are
 * checked after the attack).
 */
final class Bystanders implements AutoCloseable {

    private final TestClient joiner;
    private final TestClient offerer;
    private int exchanges;

    private Bystanders(TrackerServerExtension server) throws Exception {
        joiner = TestClient.connect(server.uri("/announce"));
        offerer = TestClient.connect(server.uri("/announce"));
    }

    /** Connects a pair now, for {@link #exchange} later. */
    static Bystanders connect(TrackerServerExtension server) throws Exception {
        return new Bystanders(server);
    }

    /** Runs one complete offer/answer exchange in a fresh swarm named {@code swarm}; fails if any step does. */
    void exchange(String swarm) throws Exception {
        String offerId = "offer-" + ++exchanges;
        joiner.send(Wire.announce(swarm, "joiner", "started", 100));
        assertEquals("announce", joiner.next().get("action"));
        offerer.send(Wire.announceWithOffer(swarm, "offerer", "started", offerId, "v=0 offer"));
        assertEquals("announce", offerer.next().get("action"));
        Map<String, Object> offer = joiner.next();
        assertEquals(Wire.id(offerId), offer.get("offer_id"), "the offer reached the joiner");
        joiner.send(Wire.answer(swarm, "joiner", "offerer", offerId, "v=0 answer"));
        Map<String, Object> answer = offerer.next();
        assertEquals(Wire.id("joiner"), answer.get("peer_id"), "the answer reached the offerer");
        assertEquals(Wire.id(offerId), answer.get("offer_id"));
    }

    /** A fresh pair completes one exchange. */
    static void exchangeOfferAndAnswer(TrackerServerExtension server, String swarm) throws Exception {
        try (Bystanders pair = connect(server)) {
            pair.exchange(swarm);
        }
    }

    @Override
    public void close() {
        joiner.close();
        offerer.close();
    }
}
