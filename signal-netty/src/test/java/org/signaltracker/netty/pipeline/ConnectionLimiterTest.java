package org.signaltracker.netty.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void connectionsBeyondTheLimitAreClosedAndCounted() {
        ConnectionLimiter limiter = new ConnectionLimiter(2);
        assertTrue(limiter.admit(new EmbeddedChannel()));
        assertTrue(limiter.admit(new EmbeddedChannel()));
        assertFalse(limiter.admit(new EmbeddedChannel()));
        assertEquals(1, limiter.refusedConnections());
        assertEquals(2, limiter.openConnections(), "a refused connection does not hold a slot");
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
