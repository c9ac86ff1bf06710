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
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.WebSocketConfig;

/**
 * What a session holds and when it reads: no output is made for a client that does not read ours, a
 * close is final, unfinished messages count against the budget, and over the budget the biggest holder
 * goes first.
 */
class WebSocketSessionLimitsTest {

    private static final int MIB = 1024 * 1024;

    // Messages up to 1 MiB, a 1 MiB budget; pings, idle and stuck closes far away.
    private final SessionFixture fixture = new SessionFixture(new WebSocketConfig(MIB, MIB, 60, 120, 10, 8, 16, 60,
            3, 1));

    private static void drain(EmbeddedChannel channel) {
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            io.netty.util.ReferenceCountUtil.release(out);
        }
    }

    private static EmbeddedChannel stalled(SessionFixture fixture) {
        EmbeddedChannel channel = fixture.open();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        channel.write(Unpooled.wrappedBuffer(new byte[64])); // unflushed: the channel stays unwritable
        return channel;
    }

    @Test
    void aClientThatDoesNotReadIsNotReadFromAndGetsNoPongs() {
        EmbeddedChannel channel = stalled(fixture);
        assertFalse(channel.isWritable());
        assertFalse(channel.config().isAutoRead(), "reading stops while our output backs up");
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[125])));
        channel.flush();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            assertFalse(out instanceof PongWebSocketFrame, "a pong was queued for a client that reads nothing");
            io.netty.util.ReferenceCountUtil.release(out);
        }
        assertTrue(channel.isWritable());
        assertTrue(channel.config().isAutoRead(), "reading resumes once the output drained");
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7})));
        PongWebSocketFrame pong = channel.readOutbound();
        assertEquals(7, pong.content().getByte(0), "a reading client gets its pong");
        pong.release();
    }

    @Test
    void aCloseToAClientThatDoesNotReadDropsTheConnectionInsteadOfQueueingAFrame() {
        EmbeddedChannel channel = stalled(fixture);
        WebSocketSession session = SessionFixture.session(channel);
        session.close(1008, "message rate exceeded");
        session.close(1008, "message rate exceeded");
        assertFalse(channel.isOpen());
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            assertFalse(out instanceof CloseWebSocketFrame, "no close frame can pass a backlog the client does not read");
            io.netty.util.ReferenceCountUtil.release(out);
        }
    }

    @Test
    void inputAfterACloseIsIgnoredAndAStuckCloseIsDroppedAfterItsGrace() {
        EmbeddedChannel channel = fixture.open();
        // The frame decoder answered a violation with its own close frame; the session only waits for it.
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.PROTOCOL_ERROR, "test"));
        assertTrue(channel.isOpen());
        assertFalse(channel.config().isAutoRead());
        channel.writeInbound(new TextWebSocketFrame("{\"action\":\"scrape\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\"}"));
        assertNull(channel.readOutbound(), "no reply to input after a close");
        passSeconds(channel, WebSocketSession.CLOSE_GRACE_TICKS);
        assertTrue(channel.isOpen());
        passSeconds(channel, 1);
        assertFalse(channel.isOpen(), "a close that cannot complete ends in a TCP close");
    }

    @Test
    void aCloseFrameWithACodeNoPeerMaySendIsAnsweredWith1002() {
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(new CloseWebSocketFrame(true, 0, Unpooled.buffer().writeShort(1005)));
        CloseWebSocketFrame answer = channel.readOutbound();
        assertEquals(1002, answer.statusCode());
        answer.release();
        assertFalse(channel.isOpen());
        assertEquals(1, fixture.metrics.invalidCloseFrames.sum());
    }

    @Test
    void anUnfinishedMessageCountsAgainstTheBudgetUntilItCompletesAndTimesOut() {
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[1000])));
        assertTrue(fixture.loops.budget().heldBytes() >= 1000);
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[10])));
        assertEquals(0, fixture.loops.budget().heldBytes(), "a completed message is given back");
        drain(channel);

        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[1000])));
        passSeconds(channel, 3);
        assertTrue(channel.isOpen(), "3 s is not yet more than the timeout");
        passSeconds(channel, 1);
        CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1008, close.statusCode());
        close.release();
        assertEquals(0, fixture.loops.budget().heldBytes(), "a closed session holds nothing");
    }

    @Test
    void overTheBudgetTheConnectionHoldingTheMostIsShedWith1013AndTheOthersCarryOn() {
        // One loop's sessions; each loop sheds its own share, biggest first.
        EmbeddedChannel biggest = fixture.open();
        EmbeddedChannel small = fixture.openOnLoopOf(biggest);
        EmbeddedChannel last = fixture.openOnLoopOf(biggest);
        biggest.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[300_000])));
        small.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[100_000])));
        assertFalse(fixture.loops.budget().isOverLimit());
        last.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[150_000])));
        assertTrue(fixture.loops.budget().isOverLimit(), "holding " + fixture.loops.budget().heldBytes());
        assertFalse(last.config().isAutoRead(), "the connection that went over stops reading");

        biggest.runPendingTasks(); // the loop's shedding pass
        CloseWebSocketFrame close = biggest.readOutbound();
        assertEquals(1013, close.statusCode());
        close.release();
        assertFalse(biggest.isOpen());
        assertTrue(small.isOpen());
        assertTrue(last.isOpen());
        assertEquals(1, fixture.metrics.connectionsShed.sum());
        assertTrue(last.config().isAutoRead(), "back under the budget, the paused connection reads again");
        ByteBuf none = small.readOutbound();
        assertNull(none);
    }

    @Test
    void nearTheBudgetStaleHoldersAreShedAtTheNextPassSoNewcomersGetIn() {
        EmbeddedChannel stale = fixture.open();
        EmbeddedChannel fresh = fixture.openOnLoopOf(stale);
        // 2 x 480,000 bytes of joined-message buffers: 7/8 of the 1 MiB budget or more, not over it.
        stale.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[240_000])));
        passSeconds(stale, SessionSweep.STALE_TICKS);
        fresh.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[240_000])));
        assertFalse(fixture.loops.budget().admitsNewConnections());
        assertFalse(fixture.loops.budget().isOverLimit());
        passSeconds(stale, 1);
        CloseWebSocketFrame close = stale.readOutbound();
        assertEquals(1013, close.statusCode(), "the holder whose message stayed unfinished goes");
        close.release();
        assertTrue(fresh.isOpen(), "a message that is still arriving is not stale");
        assertTrue(fixture.loops.budget().admitsNewConnections());
    }
}
