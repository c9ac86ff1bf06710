package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.STOPPED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.error.TrackerError;

/**
 * Answers go only where an offer went (from the receiver, to the sender, once, before it expires), and the
 * two pairing rules built on the recorded offers: no crossing offers (glare) and no seeder-to-seeder offers.
 */
class TrackerCorePairingTest {

    private static final long LEECHER = 100;
    private static final long SEEDER = 0;

    private final CoreFixture f = new CoreFixture(CoreFixture.trackerWith(0, 240, 10), LimitsConfig.defaults());

    private int sweepAll() {
        int evicted = 0;
        for (int i = 0; i < f.core.stripeCount(); i++) {
            evicted += f.core.sweepNextStripe();
        }
        return evicted;
    }

    @Test
    void theReceiverOfAnOfferMayAnswerItsSenderOnce() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        assertSame(b, f.announce(a, "h", "a", STARTED, LEECHER, 1).targets[0]);

        AnswerRoute first = f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0));
        assertNull(first.error);
        assertSame(a, first.target);

        AnswerRoute again = f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0));
        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER, again.error, "a second answer to one offer");
        assertNull(again.target);
    }

    @Test
    void answersWithoutAMatchingOfferAreRefused() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        TrackerConnection c = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        f.announce(c, "h", "c", STARTED, LEECHER, 0);
        AnnounceOutcome offers = f.announce(a, "h", "a", STARTED, LEECHER, 1, 1);
        TrackerConnection receiver = offers.targets[0];
        String receiverId = receiver == b ? "b" : "c";
        TrackerConnection bystander = receiver == b ? c : b;
        String bystanderId = receiver == b ? "c" : "b";

        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER,
                f.answer(bystander, "h", bystanderId, "a", CoreFixture.offerId("a", 0)).error,
                "a member that never got the offer answers it");
        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER,
                f.answer(receiver, "h", receiverId, "a", "made-up").error, "an offer_id that was never sent");
        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER,
                f.answer(receiver, "h", receiverId, bystanderId, CoreFixture.offerId("a", 0)).error,
                "the right offer_id sent to a peer that did not offer it");
        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER,
                f.answer(receiver, "h", receiverId, "nobody", "made-up").error, "a made-up to_peer_id");
        assertSame(a, f.answer(receiver, "h", receiverId, "a", CoreFixture.offerId("a", 0)).target,
                "the refusals must not have used up the real offer");
    }

    @Test
    void answersFromOutsideTheSwarmOrUnderSomeoneElsesIdAreRefused() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        f.announce(a, "h", "a", STARTED, LEECHER, 1);
        TrackerConnection stranger = f.connect();

        assertEquals(TrackerError.ANSWER_FROM_NON_MEMBER,
                f.answer(stranger, "h", "stranger", "a", CoreFixture.offerId("a", 0)).error, "an unknown peer_id");
        assertEquals(TrackerError.ANSWER_FROM_NON_MEMBER,
                f.answer(b, "other-swarm", "b", "a", CoreFixture.offerId("a", 0)).error, "a swarm that does not exist");
        assertEquals(TrackerError.PEER_ID_IN_USE,
                f.answer(stranger, "h", "b", "a", CoreFixture.offerId("a", 0)).error, "answering as b from elsewhere");
        assertSame(a, f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0)).target, "b's own answer still goes");
    }

    @Test
    void anOfferExpiresAfterItsTimeToLive() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        f.announce(a, "h", "a", STARTED, LEECHER, 2);
        f.clock.advanceSeconds(PendingOffers.TTL_SECONDS - 1);
        f.announce(b, "h", "b", UPDATE, LEECHER, 0);
        f.announce(a, "h", "a", UPDATE, LEECHER, 0);
        f.clock.advanceSeconds(1);
        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER, f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0)).error,
                "an answer after the client's own offer timeout can only go into the void");
    }

    @Test
    void aValidAnswerWhoseOffererLeftHasNoTargetAndNoError() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        f.announce(a, "h", "a", STARTED, LEECHER, 1);
        f.announce(a, "h", "a", STOPPED, LEECHER, 0);
        AnswerRoute route = f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0));
        assertNull(route.error, "peers come and go: not the answerer's fault");
        assertNull(route.target);
    }

    @Test
    void aNewerOfferFromTheSameSenderReplacesTheOlderOne() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        f.announce(a, "h", "a", STARTED, LEECHER, 1);
        AnnounceRequest second = new AnnounceRequest();
        System.arraycopy(CoreFixture.id("h"), 0, second.infoHash, 0, 20);
        System.arraycopy(CoreFixture.id("a"), 0, second.peerId, 0, 20);
        second.left = LEECHER;
        second.offerCount = 1;
        second.offerKeys[0] = CoreFixture.offerKey("newer");
        AnnounceOutcome out = new AnnounceOutcome(10);
        f.core.announce(a, second, out);
        assertSame(b, out.targets[0]);

        assertEquals(TrackerError.ANSWER_WITHOUT_OFFER, f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0)).error);
        assertSame(a, f.answer(b, "h", "b", "a", "newer").target);
    }

    @Test
    void glareNoOfferGoesBackToAPeerWhoseOfferIsUnanswered() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        assertEquals(1, f.announce(a, "h", "a", STARTED, LEECHER, 1).targetCount, "a offers to b");

        assertEquals(0, f.announce(b, "h", "b", UPDATE, LEECHER, 1).targetCount,
                "b's offer would cross a's: both sides could drop both connections");
        assertTrue(f.answer(b, "h", "b", "a", CoreFixture.offerId("a", 0)).error == null);
        assertSame(a, f.announce(b, "h", "b", UPDATE, LEECHER, 1).targets[0], "once b answered, b may offer to a");
    }

    @Test
    void glareEndsWhenTheUnansweredOfferExpires() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        f.announce(a, "h", "a", STARTED, LEECHER, 1);
        f.clock.advanceSeconds(PendingOffers.TTL_SECONDS - 1);
        assertEquals(0, f.announce(b, "h", "b", UPDATE, LEECHER, 1).targetCount);
        f.clock.advanceSeconds(1);
        assertSame(a, f.announce(b, "h", "b", UPDATE, LEECHER, 1).targets[0]);
    }

    @Test
    void glareSteersOffersToTheOtherPeersInABiggerSwarm() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        f.announce(a, "h", "a", STARTED, LEECHER, 0);
        for (int i = 0; i < 6; i++) {
            f.announce(f.connect(), "h", "other" + i, STARTED, LEECHER, 0);
        }
        AnnounceRequest toB = new AnnounceRequest();
        System.arraycopy(CoreFixture.id("h"), 0, toB.infoHash, 0, 20);
        System.arraycopy(CoreFixture.id("a"), 0, toB.peerId, 0, 20);
        toB.left = LEECHER;
        toB.offerCount = 7;
        AnnounceOutcome all = new AnnounceOutcome(10);
        f.core.announce(a, toB, all);
        assertEquals(7, all.targetCount, "a offers to every other peer, b among them");
        for (int round = 0; round < 200; round++) {
            AnnounceOutcome out = f.announce(b, "h", "b", UPDATE, LEECHER, 3);
            assertEquals(3, out.targetCount, "the other peers are still eligible");
            for (int i = 0; i < out.targetCount; i++) {
                assertNotSame(a, out.targets[i], "round " + round + ": b offered to a while a's offer was open");
            }
        }
    }

    @Test
    void aSeedersOffersGoOnlyToLeechers() {
        TrackerConnection[] seeders = new TrackerConnection[5];
        for (int i = 0; i < seeders.length; i++) {
            seeders[i] = f.connect();
            f.announce(seeders[i], "h", "seed" + i, STARTED, SEEDER, 0);
        }
        assertEquals(0, f.announce(f.connect(), "h", "seed-new", STARTED, SEEDER, 5).targetCount,
                "two seeders have nothing to trade");

        TrackerConnection leecher = f.connect();
        f.announce(leecher, "h", "leech", STARTED, LEECHER, 0);
        for (int round = 0; round < 50; round++) {
            AnnounceOutcome out = f.announce(seeders[0], "h", "seed0", UPDATE, SEEDER, 5);
            assertEquals(1, out.targetCount, "only the leecher");
            assertSame(leecher, out.targets[0]);
            f.answer(leecher, "h", "leech", "seed0", CoreFixture.offerId("seed0", 0));
        }
        assertEquals(5, f.announce(leecher, "h", "leech", UPDATE, LEECHER, 5).targetCount,
                "a leecher's offers go to seeders");
    }

    @Test
    void aSeederThatStartsLeechingAgainReceivesSeedersOffers() {
        TrackerConnection seeder = f.connect();
        TrackerConnection other = f.connect();
        f.announce(seeder, "h", "s", STARTED, SEEDER, 0);
        f.announce(other, "h", "o", STARTED, SEEDER, 0);
        assertEquals(0, f.announce(seeder, "h", "s", UPDATE, SEEDER, 1).targetCount);
        f.announce(other, "h", "o", UPDATE, LEECHER, 0);
        assertSame(other, f.announce(seeder, "h", "s", UPDATE, SEEDER, 1).targets[0]);
    }

    @Test
    void aReceiverWithEveryPendingSlotTakenIsPassedOverUntilOneFrees() {
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        // Seeders offer only to the one leecher, b, so each offer below targets b.
        TrackerConnection[] senders = new TrackerConnection[PendingOffers.CAPACITY + 1];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = f.connect();
            f.announce(senders[i], "h", "s" + i, STARTED, SEEDER, 0);
        }
        for (int i = 0; i < PendingOffers.CAPACITY; i++) {
            assertSame(b, f.announce(senders[i], "h", "s" + i, UPDATE, SEEDER, 1).targets[0]);
        }
        String last = "s" + PendingOffers.CAPACITY;
        TrackerConnection lastSender = senders[PendingOffers.CAPACITY];
        assertEquals(0, f.announce(lastSender, "h", last, UPDATE, SEEDER, 1).targetCount, "b is full");
        assertEquals(1, f.metrics.offersReceiverBusy.sum());
        for (int i = 0; i < PendingOffers.CAPACITY; i++) {
            assertSame(senders[i], f.answer(b, "h", "b", "s" + i, CoreFixture.offerId("s" + i, 0)).target,
                    "no recorded offer was pushed out by the overflow");
            if (i == 0) {
                assertSame(b, f.announce(lastSender, "h", last, UPDATE, SEEDER, 1).targets[0],
                        "an answered offer frees its slot");
            }
        }
        assertSame(lastSender, f.answer(b, "h", "b", last, CoreFixture.offerId(last, 0)).target);
    }

    @Test
    void aFullReceiverTakesNewOffersOnceOldOnesExpire() {
        TrackerConnection b = f.connect();
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        for (int i = 0; i <= PendingOffers.CAPACITY; i++) {
            f.announce(f.connect(), "h", "s" + i, STARTED, SEEDER, 1);
        }
        assertEquals(1, f.metrics.offersReceiverBusy.sum(), "the ninth sender found b full");
        f.clock.advanceSeconds(PendingOffers.TTL_SECONDS);
        assertEquals(1, f.announce(f.connect(), "h", "late", STARTED, SEEDER, 1).targetCount);
    }

    @Test
    void idlePeersHoldNoPendingOffersAndTheSweepDropsDeadOnes() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(a, "h", "a", STARTED, LEECHER, 0);
        f.announce(b, "h", "b", STARTED, LEECHER, 0);
        assertEquals(0, f.core.peersHoldingOffers(), "a peer that never received an offer pays nothing");
        f.announce(a, "h", "a", UPDATE, LEECHER, 1);
        assertEquals(1, f.core.peersHoldingOffers());
        sweepAll();
        assertEquals(1, f.core.peersHoldingOffers(), "a live offer is kept");
        f.clock.advanceSeconds(PendingOffers.TTL_SECONDS);
        f.announce(a, "h", "a", UPDATE, LEECHER, 0);
        f.announce(b, "h", "b", UPDATE, LEECHER, 0);
        sweepAll();
        assertEquals(0, f.core.peersHoldingOffers(), "the sweep drops an array whose entries all died");
        assertEquals(2, f.core.peerCount());
    }
}
