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
        EmbeddedChannel first = new EmbeddedChannel(limiter);
        EmbeddedChannel second = new EmbeddedChannel(limiter);
        EmbeddedChannel third = new EmbeddedChannel(limiter);
        assertTrue(first.isOpen());
        assertTrue(second.isOpen());
        assertFalse(third.isOpen());
        assertEquals(1, limiter.refusedConnections());
        assertEquals(2, limiter.openConnections(), "a refused connection does not hold a slot");
    }

    @Test
    void aClosedConnectionFreesItsSlot() {
        ConnectionLimiter limiter = new ConnectionLimiter(1);
        EmbeddedChannel first = new EmbeddedChannel(limiter);
        first.close();
        EmbeddedChannel second = new EmbeddedChannel(limiter);
        assertTrue(second.isOpen());
        assertEquals(0, limiter.refusedConnections());
    }

    @Test
    void zeroMeansNoLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(0);
        for (int i = 0; i < 100; i++) {
            assertTrue(new EmbeddedChannel(limiter).isOpen());
        }
        assertEquals(100, limiter.openConnections());
        assertEquals(0, limiter.refusedConnections());
    }
}
