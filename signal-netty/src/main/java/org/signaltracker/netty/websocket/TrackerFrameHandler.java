package org.signaltracker.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * Connects one WebSocket to the core: registers it when the handshake completes, hands every complete
 * text or binary message to its event loop's dispatcher, and unregisters it when it closes. Transport
 * errors become close codes here (1009 for an oversized message); protocol errors are the dispatcher's.
 * Not shared: one per connection, confined to its event loop.
 */
public final class TrackerFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(TrackerFrameHandler.class.getName());
    private static final AtomicLong LAST_WARNING_MILLIS = new AtomicLong();
    static final int CLOSE_MESSAGE_TOO_BIG = 1009;

    private final TrackerCore core;
    private final FastThreadLocal<LoopResources> loopResources;
    private final ChannelGroup webSockets;
    private final Consumer<ChannelPipeline> afterUpgrade;
    private TrackerConnection connection;

    public TrackerFrameHandler(TrackerCore core, FastThreadLocal<LoopResources> loopResources,
            ChannelGroup webSockets, Consumer<ChannelPipeline> afterUpgrade) {
        this.core = core;
        this.loopResources = loopResources;
        this.webSockets = webSockets;
        this.afterUpgrade = afterUpgrade;
    }

    /** Creates the per-event-loop resources lazily on the loop that first needs them. */
    public static FastThreadLocal<LoopResources> loopResources(Supplier<WebTorrentDispatcher> dispatchers,
            int maxMessageBytes) {
        return new FastThreadLocal<>() {
            @Override
            protected LoopResources initialValue() {
                return new LoopResources(dispatchers.get(), maxMessageBytes);
            }
        };
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            connection = core.openConnection(new ChannelPeerSession(ctx.channel()));
            webSockets.add(ctx.channel());
            afterUpgrade.accept(ctx.pipeline());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame) && !(msg instanceof BinaryWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (connection == null) {
                return;
            }
            ByteBuf content = frame.content();
            int length = content.readableBytes();
            LoopResources resources = loopResources.get();
            if (content.hasArray()) {
                // A heap buffer already is a byte[]: hand it over in place instead of copying.
                resources.dispatcher.onMessage(connection, content.array(),
                        content.arrayOffset() + content.readerIndex(), length);
            } else if (length <= resources.payload.length) {
                // Direct and composite buffers (the usual case with epoll) are copied into the loop's array.
                content.getBytes(content.readerIndex(), resources.payload, 0, length);
                resources.dispatcher.onMessage(connection, resources.payload, 0, length);
            } else {
                // Only reachable with a config built in code whose frame limit exceeds its message limit.
                closeTooBig(ctx);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            core.close(connection);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            closeTooBig(ctx);
            return;
        }
        if (!(cause instanceof CorruptedWebSocketFrameException) && !(cause instanceof IOException)) {
            // Netty already answered frame violations with their close code; resets are routine. Anything
            // else is unexpected: log it, at most once a second so a misbehaving client cannot flood the log.
            long now = System.currentTimeMillis();
            long last = LAST_WARNING_MILLIS.get();
            if (now - last >= 1000 && LAST_WARNING_MILLIS.compareAndSet(last, now)) {
                LOG.warning("closing " + ctx.channel().remoteAddress() + " after unexpected error: " + cause);
            }
        }
        ctx.close();
    }

    private static void closeTooBig(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new CloseWebSocketFrame(CLOSE_MESSAGE_TOO_BIG, "message too big"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
