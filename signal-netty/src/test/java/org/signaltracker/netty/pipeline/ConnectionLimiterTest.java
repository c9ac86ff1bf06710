package org.signaltracker.netty.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.signaltracker.netty.http.UpgradeAdmission;

class ConnectionLimiterTest {

    @Test
    void connectionsBeyondTheLimitAndTheReserveAreClosedAndCounted() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 1);
        assertTrue(limiter.admit(new EmbeddedChannel()));
        assertTrue(limiter.admit(new EmbeddedChannel()));
        assertTrue(limiter.admit(new EmbeddedChannel()), "the reserve for health checks");
        assertFalse(limiter.admit(new EmbeddedChannel()));
        assertEquals(1, limiter.refusedConnections());
        assertEquals(1, limiter.reserveAdmissions());
        assertEquals(3, limiter.openConnections(), "a refused connection does not hold a slot");
    }

    @Test
    void onlyConnectionsInTheReserveAreRefusedAnUpgradeWith503AndRetryAfter() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 1);
        EmbeddedChannel regular = new EmbeddedChannel();
        EmbeddedChannel reserve = new EmbeddedChannel();
        assertTrue(limiter.admit(regular));
        assertTrue(limiter.admit(reserve));
        assertNull(limiter.refusal(regular));
        UpgradeAdmission.Refusal refusal = limiter.refusal(reserve);
        assertEquals(503, refusal.status().code());
        assertTrue(refusal.retryAfterSeconds() > 0);
        assertTrue(refusal.reason().contains("connection limit 1 reached"), refusal.reason());
        assertFalse(refusal.reason().contains("\n"), "one line");
        regular.close();
        assertNull(limiter.refusal(new EmbeddedChannel()), "a channel never admitted is not in the reserve");
    }

    @Test
    void theDefaultReserveIsSmallAndFixed() {
        ConnectionLimiter limiter = new ConnectionLimiter(1);
        for (int i = 0; i < 1 + ConnectionLimiter.HEALTH_RESERVE; i++) {
            assertTrue(limiter.admit(new EmbeddedChannel()));
        }
        assertFalse(limiter.admit(new EmbeddedChannel()));
    }

    @Test
    void aClosedConnectionFreesItsSlot() {
        ConnectionLimiter limiter = new ConnectionLimiter(1);
        EmbeddedChannel first = new EmbeddedChannel();
        assertTrue(limiter.admit(first));
        first.close();
        assertEquals(0, limiter.openConnections());
        assertTrue(limiter.admit(new EmbeddedChannel()));
        assertEquals(0, limiter.refusedConnections());
    }

    @Test
    void zeroMeansNoLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(0);
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.admit(new EmbeddedChannel()));
        }
        assertEquals(100, limiter.openConnections());
        assertEquals(0, limiter.refusedConnections());
    }
}
