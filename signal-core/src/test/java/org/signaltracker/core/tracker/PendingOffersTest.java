package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The entry table on its own: slots, one entry per sender, consumption, expiry (also at clock second 0). */
class PendingOffersTest {

    @Test
    void aFreshTableHasNoLiveEntryEvenAtSecondZero() {
        long[] slots = PendingOffers.allocate();
        assertFalse(PendingOffers.anyLive(slots, 0), "the daemon's clock starts at 0: empty slots must read dead");
        assertFalse(PendingOffers.hasLiveFrom(slots, 0, 0));
        assertFalse(PendingOffers.consume(slots, 0, 0, 0), "an empty slot must not match sender 0, offer 0");
        assertEquals(0, PendingOffers.slotFor(slots, 42, 0));
    }

    @Test
    void anEntryIsConsumedOnceByItsSenderAndOfferOnly() {
        long[] slots = PendingOffers.allocate();
        PendingOffers.put(slots, PendingOffers.slotFor(slots, 7, 100), 7, 1234, 100);
        assertTrue(PendingOffers.hasLiveFrom(slots, 7, 100));
        assertFalse(PendingOffers.consume(slots, 8, 1234, 101), "another sender");
        assertFalse(PendingOffers.consume(slots, 7, 1235, 101), "another offer");
        assertTrue(PendingOffers.consume(slots, 7, 1234, 101));
        assertFalse(PendingOffers.consume(slots, 7, 1234, 101), "twice");
        assertFalse(PendingOffers.hasLiveFrom(slots, 7, 101));
    }

    @Test
    void anEntryDiesExactlyAfterItsTimeToLive() {
        long[] slots = PendingOffers.allocate();
        PendingOffers.put(slots, 0, 7, 1, 100);
        assertTrue(PendingOffers.hasLiveFrom(slots, 7, 100 + PendingOffers.TTL_SECONDS - 1));
        assertFalse(PendingOffers.hasLiveFrom(slots, 7, 100 + PendingOffers.TTL_SECONDS));
        assertFalse(PendingOffers.anyLive(slots, 100 + PendingOffers.TTL_SECONDS));
        assertFalse(PendingOffers.consume(slots, 7, 1, 100 + PendingOffers.TTL_SECONDS));
    }

    @Test
    void aSenderHoldsOneSlotAndAFullTableRefusesOthers() {
        long[] slots = PendingOffers.allocate();
        for (int sender = 1; sender <= PendingOffers.CAPACITY; sender++) {
            int slot = PendingOffers.slotFor(slots, sender, 10);
            assertTrue(slot >= 0);
            PendingOffers.put(slots, slot, sender, sender * 10L, 10);
        }
        assertEquals(-1, PendingOffers.slotFor(slots, 99, 11), "full of other senders");
        int again = PendingOffers.slotFor(slots, 3, 11);
        assertTrue(again >= 0, "a sender's newer offer takes its own slot");
        PendingOffers.put(slots, again, 3, 31, 11);
        assertFalse(PendingOffers.consume(slots, 3, 30, 12), "the older offer was replaced");
        assertTrue(PendingOffers.consume(slots, 3, 31, 12));
        int freed = PendingOffers.slotFor(slots, 99, 12);
        assertTrue(freed >= 0, "a consumed slot is free again");
        PendingOffers.put(slots, freed, 99, 990, 12);
        assertEquals(-1, PendingOffers.slotFor(slots, 100, 12), "and now taken");
        assertTrue(PendingOffers.slotFor(slots, 100, 10 + PendingOffers.TTL_SECONDS) >= 0, "expired slots are free");
    }

    @Test
    void senderHashesDependOnEveryPartOfTheIdAndOnTheSeed() {
        long base = PendingOffers.senderHash(1, 2, 3, 5);
        assertNotEquals(base, PendingOffers.senderHash(0, 2, 3, 5));
        assertNotEquals(base, PendingOffers.senderHash(1, 0, 3, 5));
        assertNotEquals(base, PendingOffers.senderHash(1, 2, 0, 5));
        assertNotEquals(base, PendingOffers.senderHash(1, 2, 3, 6));
        assertEquals(base, PendingOffers.senderHash(1, 2, 3, 5));
    }
}
