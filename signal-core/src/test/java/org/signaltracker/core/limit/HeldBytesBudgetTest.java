package org.signaltracker.core.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeldBytesBudgetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void theDefaultIsAnEighthOfTheSmallerJvmLimitAndAConfiguredSizeWins() {
        assertEquals(128 * MIB, HeldBytesBudget.resolveBytes(0, 1024 * MIB, 2048 * MIB));
        assertEquals(64 * MIB, HeldBytesBudget.resolveBytes(0, 1024 * MIB, 512 * MIB));
        assertEquals(MIB, HeldBytesBudget.resolveBytes(0, 4 * MIB, 4 * MIB), "never less than 1 MiB");
        assertEquals(300 * MIB, HeldBytesBudget.resolveBytes(300, 1024 * MIB, 1024 * MIB));
        assertThrows(IllegalArgumentException.class, () -> new HeldBytesBudget(0));
    }

    @Test
    void newConnectionsAreRefusedFromSevenEighthsAndSheddingAimsForSixEighths() {
        HeldBytesBudget budget = new HeldBytesBudget(800);
        budget.add(699);
        assertTrue(budget.admitsNewConnections());
        assertEquals(99, budget.excessBytes(), "above 6/8 (600) shedding has something to do once over");
        budget.add(1);
        assertFalse(budget.admitsNewConnections(), "700 is 7/8 of 800");
        assertFalse(budget.isOverLimit());
        assertTrue(budget.isOver(budget.add(101)));
        assertEquals(201, budget.excessBytes());
        budget.add(-801);
        assertEquals(0, budget.heldBytes());
        assertEquals(0, budget.excessBytes());
        assertEquals(801, budget.peakBytes(), "the peak stays");
    }
}
