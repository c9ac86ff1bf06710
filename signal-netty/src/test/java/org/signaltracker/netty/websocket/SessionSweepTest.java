package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.netty.websocket.SessionFixture.passSeconds;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.WebSocketConfig;

/** Keep-alive, idle close and slow-consumer close, decided once a second for every session of a loop. */
class SessionSweepTest {

    // ping after 2 s without writing, idle close after 5 s without reading
    private final SessionFixture fixture = new SessionFixture(new WebSocketConfig(4096, 4096, 2, 5, 10, 8, 16, 3, 30, 0));
    // stuck close after 3 s unwritable; pings (which flush) and idle closes far away, since an embedded
    // channel drains on every flush where a real stalled peer would not
    private final SessionFixture stalling = new SessionFixture(new WebSocketConfig(4096, 4096, 60, 120, 10, 8, 16, 3, 30, 0));

    private static boolean isPing(ByteBuf frame) {
        try {
            return frame.readableBytes() == 2 && frame.getUnsignedByte(0) == 0x89 && frame.getUnsignedByte(1) == 0;
        } finally {
            frame.release();
        }
    }

    @Test
    void aQuietSessionIsPingedEveryIntervalAndStaysOpenWhileItAnswers() {
        EmbeddedChannel channel = fixture.open();
        passSeconds(channel, 1);
        assertNull(channel.readOutbound(), "no ping before the interval");
        int pings = 0;
        for (int second = 0; second < 8; second++) {
            passSeconds(channel, 1);
            for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                assertTrue(isPing((ByteBuf) out), "only pings are sent to a quiet client");
                pings++;
                channel.writeInbound(new PongWebSocketFrame());
            }
        }
        assertEquals(4, pings, "one ping every 2 s over 8 s");
        assertTrue(channel.isOpen(), "pongs count as reads");
    }

    @Test
    void aSessionThatReadsNothingIsClosedWith1001AfterTheIdleTimeoutNotBefore() {
        EmbeddedChannel channel = fixture.open();
        passSeconds(channel, 5);
        assertTrue(channel.isOpen(), "5 s without reading is not yet more than the timeout");
        passSeconds(channel, 1);
        CloseWebSocketFrame close = null;
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            if (out instanceof CloseWebSocketFrame frame) {
                close = frame;
            } else {
                ((ByteBuf) out).release();
            }
        }
        assertTrue(close != null, "a close frame was sent");
        assertEquals(1001, close.statusCode());
        assertEquals("idle timeout", close.reasonText());
        close.release();
        assertFalse(channel.isOpen());
        assertEquals(0, fixture.loops.openWebSockets());
    }

    @Test
    void aSessionStuckOverItsHighWaterMarkIsClosedAndCounted() {
        EmbeddedChannel channel = stalling.open();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        channel.write(Unpooled.wrappedBuffer(new byte[64])); // unflushed: the channel stays unwritable
        assertFalse(channel.isWritable());
        passSeconds(channel, 3);
        assertTrue(channel.isOpen(), "3 s is not yet more than the allowance");
        passSeconds(channel, 1);
        assertFalse(channel.isOpen());
        assertEquals(1, stalling.metrics.slowConsumersClosed.sum());
    }

    @Test
    void aSessionThatRecoversIsNotClosed() {
        EmbeddedChannel channel = stalling.open();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        passSeconds(channel, 2);
        channel.flush(); // drained: writable again
        assertTrue(channel.isWritable());
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ((ByteBuf) out).release();
        }
        passSeconds(channel, 3);
        assertTrue(channel.isOpen());
        assertEquals(0, stalling.metrics.slowConsumersClosed.sum());
    }

    @Test
    void gracefulStopClosesEverySessionWith1001() {
        EmbeddedChannel first = fixture.open();
        EmbeddedChannel second = fixture.open();
        fixture.loops.closeAll(1001, "server going away");
        for (EmbeddedChannel channel : new EmbeddedChannel[] {first, second}) {
            channel.runPendingTasks();
            CloseWebSocketFrame close = channel.readOutbound();
            assertEquals(1001, close.statusCode());
            assertEquals("server going away", close.reasonText());
            close.release();
            assertFalse(channel.isOpen());
        }
        assertEquals(0, fixture.loops.openWebSockets());
    }
}
