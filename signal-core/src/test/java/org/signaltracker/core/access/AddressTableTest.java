package org.signaltracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AddressTableTest {

    private static final IpAddress A = IpAddress.parse("192.0.2.1");
    private static final IpAddress B = IpAddress.parse("192.0.2.2");

    private final AddressTable table = new AddressTable();

    @Test
    void noLimitsTrackNothing() {
        AddressTable.Limits off = new AddressTable.Limits(0, 0, 5, 100);
        for (int i = 0; i < 1000; i++) {
            assertNull(table.admit(A, off, i).refusal());
            assertFalse(table.admit(A, off, i).counted());
        }
        assertEquals(0, table.size());
    }

    @Test
    void theCapRefusesTheNextUntilOneCloses() {
        AddressTable.Limits cap = new AddressTable.Limits(3, 0, 1, 100);
        for (int i = 0; i < 3; i++) {
            assertTrue(table.admit(A, cap, 0).counted());
        }
        AddressTable.Admission refused = table.admit(A, cap, 0);
        assertEquals(AccessRefusal.ADDRESS_CAP, refused.refusal());
        assertEquals(AccessRefusal.CAP_RETRY_AFTER_SECONDS, refused.retryAfterSeconds());
        assertTrue(table.admit(B, cap, 0).counted(), "another address has its own count");
        table.release(A, cap, 0);
        assertTrue(table.admit(A, cap, 0).counted());
        for (int i = 0; i < 3; i++) {
            table.release(A, cap, 0);
        }
        table.release(B, cap, 0);
        assertEquals(0, table.size(), "an address with nothing open and no bucket is forgotten at once");
        assertEquals(0, table.idle());
    }

    @Test
    void theBucketGivesABurstThenTheRateAndSaysWhenToRetry() {
        AddressTable.Limits rate = new AddressTable.Limits(0, 6, 3, 100); // one token every 10 s
        for (int i = 0; i < 3; i++) {
            assertNull(table.admit(A, rate, 0).refusal(), "burst " + i);
        }
        AddressTable.Admission refused = table.admit(A, rate, 0);
        assertEquals(AccessRefusal.ADDRESS_RATE, refused.refusal());
        assertEquals(10, refused.retryAfterSeconds());
        assertEquals(6, table.admit(A, rate, 4_000).retryAfterSeconds(), "0.4 of a token back after 4 s: 6 s to go");
        assertNull(table.admit(A, rate, 10_000).refusal(), "a whole token after 10 s");
        assertEquals(AccessRefusal.ADDRESS_RATE, table.admit(A, rate, 10_001).refusal());
        assertNull(table.admit(B, rate, 0).refusal(), "another address has its own bucket");
        assertEquals(2, table.size());
        assertEquals(2, table.idle());
        table.sweep(rate, 20_000);
        assertEquals(1, table.size(), "B (one token short since 0 s) has refilled; A (empty at 10 s) has not");
        table.sweep(rate, 40_000);
        assertEquals(0, table.size(), "refilled buckets are forgotten by the sweep");
        assertEquals(0, table.idle());
    }

    @Test
    void aRefusedRateAttemptDoesNotTakeAPlaceUnderTheCap() {
        AddressTable.Limits both = new AddressTable.Limits(2, 60, 1, 100);
        assertTrue(table.admit(A, both, 0).counted());
        assertEquals(AccessRefusal.ADDRESS_RATE, table.admit(A, both, 0).refusal());
        assertTrue(table.admit(A, both, 1_000).counted());
        assertEquals(AccessRefusal.ADDRESS_CAP, table.admit(A, both, 2_000).refusal());
        table.release(A, both, 2_000);
        table.release(A, both, 2_000);
        assertEquals(1, table.size(), "the bucket (spent at 2 s) is kept while it refills");
        table.sweep(both, 3_000);
        assertEquals(0, table.size());
    }

    @Test
    void idleEntriesAreCappedSoAFloodOfAddressesCannotGrowTheTable() {
        AddressTable.Limits rate = new AddressTable.Limits(0, 1, 5, 10);
        for (int i = 0; i < 10_000; i++) {
            assertNull(table.admit(IpAddress.ipv4(0x0A00_0000 + i), rate, 0).refusal());
        }
        assertEquals(10, table.size());
        assertEquals(10, table.idle());
        AddressTable.Limits capToo = new AddressTable.Limits(1, 1, 5, 10);
        for (int i = 0; i < 1000; i++) {
            assertTrue(table.admit(IpAddress.ipv4(0x0B00_0000 + i), capToo, 0).counted());
        }
        assertEquals(1010, table.size(), "addresses holding connections are always tracked");
        for (int i = 0; i < 1000; i++) {
            table.release(IpAddress.ipv4(0x0B00_0000 + i), capToo, 0);
        }
        assertEquals(10, table.size(), "once closed, they are forgotten beyond the idle cap");
        assertEquals(10, table.idle());
    }

    @Test
    void concurrentAdmissionsNeverExceedTheCap() throws Exception {
        AddressTable.Limits cap = new AddressTable.Limits(50, 0, 1, 100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> counted = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                counted.add(pool.submit(() -> {
                    int mine = 0;
                    for (int i = 0; i < 1000; i++) {
                        if (table.admit(A, cap, 0).counted()) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> f : counted) {
                total += f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(50, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
