package org.signaltracker.core.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageBudgetTest {

    @Test
    void allowsTheBurstThenTheSustainedRate() {
        MessageBudget budget = new MessageBudget(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(budget.tryAcquire(0), "burst message " + i);
        }
        assertFalse(budget.tryAcquire(0), "over the burst");
        assertFalse(budget.tryAcquire(50), "half a token is not enough");
        assertTrue(budget.tryAcquire(100), "one token after 100 ms at 10/s");
        assertFalse(budget.tryAcquire(100));
    }

    @Test
    void refillNeverExceedsTheBurst() {
        MessageBudget budget = new MessageBudget(10, 3, 0);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if (budget.tryAcquire(60_000)) {
                allowed++;
            }
        }
        assertTrue(allowed == 3, "a long pause refills to the burst only, got " + allowed);
    }

    @Test
    void aNewRateAppliesFromTheNextRefill() {
        MessageRate rate = new MessageRate(10, 5);
        MessageBudget budget = new MessageBudget(rate, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(budget.tryAcquire(0), "burst message " + i);
        }
        rate.set(1, 2);
        assertFalse(budget.tryAcquire(100), "at 1/s, 100 ms give a tenth of a token");
        assertTrue(budget.tryAcquire(1000), "one token after a second at 1/s");
        assertFalse(budget.tryAcquire(1000));
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if (budget.tryAcquire(60_000)) {
                allowed++;
            }
        }
        assertTrue(allowed == 2, "a refill stops at the new burst of 2, got " + allowed);
    }

    @Test
    void aLowerBurstBindsAtOnceEvenWithinTheSameMillisecond() {
        MessageRate rate = new MessageRate(1000, 1000);
        MessageBudget budget = new MessageBudget(rate, 0);
        assertTrue(budget.tryAcquire(0));
        rate.set(1, 3);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if (budget.tryAcquire(0)) {
                allowed++;
            }
        }
        assertEquals(3, allowed, "999 saved tokens are cut to the new burst without waiting for a refill");
    }
}
