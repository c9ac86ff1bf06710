package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.signaling.SignalingDispatcher;
import org.signaltracker.core.protocol.signaling.SignalingGrant;
import org.signaltracker.core.signaling.KeyedRole;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.ManualClock;

/**
 * A session speaking signaling through the {@link org.signaltracker.core.session.SessionProtocol} port:
 * the identify deadline scheduled at open, a refused open (null) that delivers nothing, and reliable sends
 * that are queued past the high water mark, where plain sends are dropped, up to the queue bound (1013).
 */
class SignalingSessionTest {

    /** Four 1,000-byte messages fit: each costs its frame plus Netty's 96 bytes of bookkeeping, 1,100 in all. */
    private static final int QUEUE_BYTES = 5000;

    private final ManualClock clock = new ManualClock();
    private final SignalingHub hub = SignalingHub.create(SignalingConfig.defaults(), clock);
    private final LoopResourceTable loops = new LoopResourceTable(() -> null,
            () -> new SignalingDispatcher(hub, new SignalingMetrics(), clock), QUEUE_BYTES, WebSocketConfig.defaults(),
            new HeldBytesBudget(64L << 20));

    private EmbeddedChannel open(SignalingGrant grant) {
        return open(grant, new EmbeddedChannel());
    }

    private EmbeddedChannel open(SignalingGrant grant, EmbeddedChannel channel) {
        WebSocketSession session = new WebSocketSession(loops.forLoop(channel.eventLoop()),
                UpgradeTarget.Protocol.SIGNALING, new TrackerMetrics(), 65_536);
        channel.pipeline().addLast("session", session);
        session.start(grant);
        return channel;
    }

    private static int closeCode(EmbeddedChannel channel) {
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            if (out instanceof CloseWebSocketFrame close) {
                int code = close.statusCode();
                close.release();
                return code;
            }
            ((io.netty.util.ReferenceCounted) out).release();
        }
        return -1;
    }

    @Test
    void aNativeConnectionThatDoesNotIdentifyInTimeIsClosedWith4003() {
        EmbeddedChannel silent = open(SignalingGrant.NATIVE);
        EmbeddedChannel identified = open(SignalingGrant.NATIVE);
        identified.writeInbound(new TextWebSocketFrame("{\"type\":\"IDENTIFY\",\"username\":\"quick\"}"));
        identified.runPendingTasks();
        ByteBuf success = identified.readOutbound();
        assertTrue(success.toString(StandardCharsets.UTF_8).contains("AUTH_SUCCESS"));
        success.release();
        for (EmbeddedChannel channel : new EmbeddedChannel[] {silent, identified}) {
            channel.advanceTimeBy(SignalingConfig.defaults().unidentifiedTimeoutSeconds(), TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
        }
        assertEquals(4003, closeCode(silent));
        assertEquals(-1, closeCode(identified), "an identified connection is not timed out");
        assertTrue(identified.isOpen());
    }

    @Test
    void aRefusedOpenClosesTheSessionAndDeliversNothing() {
        EmbeddedChannel keyed = open(SignalingGrant.keyed("expired-room", KeyedRole.CLIENT));
        assertEquals(1013, closeCode(keyed));
        assertFalse(keyed.isOpen(), "its close frame was written, then the connection closed");
    }

    @Test
    void reliableSendsQueuePastTheHighWaterMarkUpToTheBound() {
        // A socket whose client reads nothing: flushes never reach it, so every write stays pending.
        EmbeddedChannel channel = open(SignalingGrant.NATIVE, new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
            }
        }));
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(512, 1024));
        WebSocketSession session = (WebSocketSession) channel.pipeline().get("session");
        byte[] message = new byte[1000];
        assertTrue(session.sendReliable(message, 0, message.length));
        assertTrue(session.sendReliable(message, 0, message.length));
        assertFalse(channel.isWritable(), "over the high water mark");
        assertFalse(session.send(message, 0, message.length), "a plain send is dropped there");
        assertTrue(session.sendReliable(message, 0, message.length), "a reliable one is queued");
        assertTrue(session.sendReliable(message, 0, message.length));
        assertFalse(session.sendReliable(message, 0, message.length), "this one would pass " + QUEUE_BYTES);
        channel.runPendingTasks();
        assertFalse(channel.isOpen(), "closed rather than dropping a message that must arrive");
        assertEquals(0, loops.budget().heldBytes(), "everything it held is given back");
    }
}
