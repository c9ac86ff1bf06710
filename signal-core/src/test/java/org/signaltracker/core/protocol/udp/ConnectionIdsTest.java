package org.signaltracker.core.protocol.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Connection ids: their lifetime on an injected wall clock, their binding to the address, the shared key. */
class ConnectionIdsTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final byte[] CLIENT = {10, 0, 0, 1};
    private static final byte[] OTHER = {10, 0, 0, 2};

    /** Starts in the middle of an epoch, so "a minute later" is in the next one. */
    private final AtomicLong wallClock = new AtomicLong(1_700_000_000_000L / ConnectionIds.EPOCH_MILLIS
            * ConnectionIds.EPOCH_MILLIS + 30_000);
    private final ConnectionIds ids = ConnectionIds.fromSecret(SECRET, wallClock::get);

    @Test
    void anIdIsValidWhenIssuedAMinuteLaterAndTwoMinutesLater() {
        long id = ids.issue(CLIENT, 4);
        assertTrue(ids.isValid(id, CLIENT, 4));
        wallClock.addAndGet(60_000);
        assertTrue(ids.isValid(id, CLIENT, 4));
        wallClock.addAndGet(60_000);
        assertTrue(ids.isValid(id, CLIENT, 4), "BEP 15: accepted until two minutes after it was sent");
    }

    @Test
    void anIdIssuedAtTheEndOfAnEpochStillLastsTwoMinutes() {
        wallClock.set(wallClock.get() / ConnectionIds.EPOCH_MILLIS * ConnectionIds.EPOCH_MILLIS
                + ConnectionIds.EPOCH_MILLIS - 1);
        long id = ids.issue(CLIENT, 4);
        wallClock.addAndGet(120_000);
        assertTrue(ids.isValid(id, CLIENT, 4));
    }

    @Test
    void anIdExpiresAtTheLatestThreeMinutesAfterItWasIssued() {
        long id = ids.issue(CLIENT, 4);
        wallClock.addAndGet(150_000);
        assertFalse(ids.isValid(id, CLIENT, 4));
        wallClock.addAndGet(3_600_000);
        assertFalse(ids.isValid(id, CLIENT, 4));
    }

    @Test
    void anIdFromTheFutureIsRefused() {
        wallClock.addAndGet(ConnectionIds.EPOCH_MILLIS);
        long id = ids.issue(CLIENT, 4);
        wallClock.addAndGet(-ConnectionIds.EPOCH_MILLIS);
        assertFalse(ids.isValid(id, CLIENT, 4));
    }

    @Test
    void anIdIsBoundToItsAddress() {
        long id = ids.issue(CLIENT, 4);
        assertFalse(ids.isValid(id, OTHER, 4));
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        long v6Id = ids.issue(v6, 16);
        assertTrue(ids.isValid(v6Id, v6, 16));
        v6[15] = 2;
        assertFalse(ids.isValid(v6Id, v6, 16));
        assertNotEquals(id, v6Id);
    }

    @Test
    void anIpv4AddressAndItsMappedIpv6FormShareTheirId() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 0, 0, 1};
        assertEquals(ids.issue(CLIENT, 4), ids.issue(mapped, 16));
        // The address may sit in a longer reused array: only its first 4 bytes count.
        byte[] reused = {10, 0, 0, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        assertEquals(ids.issue(CLIENT, 4), ids.issue(reused, 4));
    }

    @Test
    void instancesWithTheSameSecretAcceptEachOthersIdsAndOthersDoNot() {
        ConnectionIds sameSecret = ConnectionIds.fromSecret(SECRET, wallClock::get);
        ConnectionIds otherSecret = ConnectionIds.fromSecret(SECRET + "!", wallClock::get);
        ConnectionIds random = ConnectionIds.fromSecret("", wallClock::get);
        long id = ids.issue(CLIENT, 4);
        assertTrue(sameSecret.isValid(id, CLIENT, 4));
        assertFalse(otherSecret.isValid(id, CLIENT, 4));
        assertFalse(random.isValid(id, CLIENT, 4));
        assertFalse(ConnectionIds.fromSecret("", wallClock::get).isValid(random.issue(CLIENT, 4), CLIENT, 4),
                "two random keys differ");
    }
}
