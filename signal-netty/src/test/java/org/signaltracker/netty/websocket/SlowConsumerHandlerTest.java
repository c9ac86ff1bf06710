package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.metrics.TrackerMetrics;

class SlowConsumerHandlerTest {

    private final TrackerMetrics metrics = new TrackerMetrics();

    /** An embedded channel whose unflushed writes count against tiny water marks, with time under test control. */
    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        channel.pipeline().addLast(new SlowConsumerHandler(2, metrics));
        return channel;
    }

    private static void fillPastHighWaterMark(EmbeddedChannel channel) {
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        assertFalse(channel.isWritable());
    }

    @Test
    void peerThatStaysUnwritableIsClosedAndCounted() {
        EmbeddedChannel channel = channel();
        fillPastHighWaterMark(channel);
        channel.advanceTimeBy(1999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "not before the configured time");
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertEquals(1, metrics.slowConsumersClosed.sum());
    }

    @Test
    void peerThatDrainsInTimeStaysOpen() {
        EmbeddedChannel channel = channel();
        fillPastHighWaterMark(channel);
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.flush();
        assertTrue(channel.isWritable());
        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        assertEquals(0, metrics.slowConsumersClosed.sum());
        channel.finishAndReleaseAll();
    }

    @Test
    void theClockRestartsWhenThePeerStallsAgain() {
        EmbeddedChannel channel = channel();
        fillPastHighWaterMark(channel);
        channel.advanceTimeBy(1500, TimeUnit.MILLISECONDS);
        channel.flush();
        fillPastHighWaterMark(channel);
        channel.advanceTimeBy(1500, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "two short stalls are not one long one");
        channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertEquals(1, metrics.slowConsumersClosed.sum());
    }
}
