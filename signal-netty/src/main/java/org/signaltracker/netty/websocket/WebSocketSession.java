package org.signaltracker.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * One upgraded WebSocket, and the core's {@link PeerSession} port to it. Complete text and binary messages
 * go to the loop's dispatcher; pings, pongs and close frames are answered here; relays come back through
 * {@link #send} as ready-made frames. It is the only stage after Netty's frame codec: one handler instead
 * of a stage per concern keeps the cost of a message and the heap of an idle connection low. Keep-alive
 * and slow-consumer decisions are its loop's {@link SessionSweep}; relay flushes are its loop's
 * {@link FlushBatch}. Protocol errors are the dispatcher's; transport errors become close codes here.
 *
 * <p>Confined to its event loop, except {@link #send} and {@link #close}, which any thread may call:
 * Netty hands a write from another thread to the channel's loop and counts it against the water marks
 * at once.
 */
public final class WebSocketSession extends ChannelInboundHandlerAdapter implements PeerSession {

    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_MESSAGE_TOO_BIG = 1009;
    /** Write out at once past this many unflushed bytes instead of at the end of the read or the turn. */
    static final int FLUSH_AT_BYTES = 16 * 1024;

    private static final ThrottledLog UNEXPECTED_ERRORS = ThrottledLog.warnings(WebSocketSession.class);
    private static final AtomicLong NEXT_ID = new AtomicLong();
    /** An empty ping frame, encoded once; every ping writes a view of it. */
    private static final ByteBuf PING = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte(0x89).writeByte(0));

    private final long id = NEXT_ID.incrementAndGet();
    private final TrackerCore core;
    private final LoopResources loop;
    private final TrackerMetrics metrics;
    private final int maxMessageBytes;
    private ChannelHandlerContext ctx;
    private TrackerConnection connection;
    private FragmentedMessage fragments;
    private boolean reading;
    private boolean flushQueued;
    private int unflushedBytes;

    // Keep-alive stamps in ticks of the loop's sweep; see SessionSweep.
    int lastReadTick;
    int lastWriteTick;
    int unwritableSinceTick = -1;
    int sweepIndex = -1;

    WebSocketSession(TrackerCore core, LoopResources loop, TrackerMetrics metrics, int maxMessageBytes) {
        this.core = core;
        this.loop = loop;
        this.metrics = metrics;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The handshake response is written: the connection joins the core and its loop's sweep. */
    void start() {
        if (connection != null || !ctx.channel().isActive()) {
            return;
        }
        int now = loop.sessions.tick();
        lastReadTick = now;
        lastWriteTick = now;
        connection = core.openConnection(this);
        loop.sessions.add(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            // Only bytes a client sent before it saw the 101 can get here; they are not frames we decoded.
            ReferenceCountUtil.release(msg);
            return;
        }
        reading = true;
        lastReadTick = loop.sessions.tick();
        try {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                dataFrame(frame, frame instanceof TextWebSocketFrame);
            } else if (frame instanceof ContinuationWebSocketFrame) {
                continuation(frame);
            } else if (frame instanceof PingWebSocketFrame) {
                lastWriteTick = lastReadTick;
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame) {
                // Echo the peer's close frame (RFC 6455 section 5.5.1), then drop the connection.
                ctx.writeAndFlush(frame.retain()).addListener(ChannelFutureListener.CLOSE);
            }
            // A pong needs nothing beyond the read stamp above.
        } finally {
            frame.release();
        }
    }

    private void dataFrame(WebSocketFrame frame, boolean text) {
        if (frame.isFinalFragment()) {
            deliver(frame.content(), text);
            return;
        }
        if (fragments == null) {
            fragments = new FragmentedMessage(maxMessageBytes);
        }
        if (!fragments.start(ctx.alloc(), frame.content(), text)) {
            closeTooBig();
        }
    }

    private void continuation(WebSocketFrame frame) {
        if (fragments == null || !fragments.inProgress()) {
            return; // the decoder refuses an unexpected continuation before it gets here
        }
        if (!fragments.append(frame.content())) {
            closeTooBig();
        } else if (frame.isFinalFragment()) {
            try {
                deliver(fragments.joined(), fragments.text());
            } finally {
                fragments.release();
            }
        }
    }

    private void deliver(ByteBuf content, boolean text) {
        if (connection == null) {
            return;
        }
        int length = content.readableBytes();
        if (length > loop.payload.length) {
            closeTooBig(); // only with a frame limit above the message limit
            return;
        }
        content.getBytes(content.readerIndex(), loop.payload, 0, length);
        loop.dispatcher.onMessage(connection, loop.payload, 0, length, text);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        // The replies to what this connection sent leave together, in one write, at the end of its read.
        if (unflushedBytes > 0) {
            unflushedBytes = 0;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public boolean send(byte[] bytes, int offset, int length) {
        Channel channel = ctx.channel();
        if (!channel.isActive() || !channel.isWritable()) {
            return false;
        }
        ByteBuf frame = TextFrames.encode(ctx.alloc(), bytes, offset, length);
        lastWriteTick = loop.sessions.tick();
        if (!ctx.executor().inEventLoop()) {
            ctx.writeAndFlush(frame, ctx.voidPromise());
            return true;
        }
        ctx.write(frame, ctx.voidPromise());
        unflushedBytes += frame.readableBytes();
        if (unflushedBytes >= FLUSH_AT_BYTES) {
            unflushedBytes = 0;
            ctx.flush();
        } else if (!reading && !flushQueued) {
            flushQueued = true;
            loop.flushes.add(this);
        }
        return true;
    }

    /** Called by the loop's {@link FlushBatch} at the end of the turn this session was queued in. */
    void flushQueued() {
        flushQueued = false;
        if (unflushedBytes > 0) {
            unflushedBytes = 0;
            ctx.flush();
        }
    }

    @Override
    public void close(int closeCode, String reason) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** From the sweep: nothing was written for the ping interval. */
    void ping(int tick) {
        lastWriteTick = tick;
        ctx.writeAndFlush(PING.duplicate(), ctx.voidPromise());
    }

    /** From the sweep: over the high water mark for too long; a close frame would queue behind the backlog. */
    void closeStuck() {
        metrics.slowConsumersClosed.increment();
        ctx.channel().close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            unwritableSinceTick = -1;
        } else if (unwritableSinceTick < 0) {
            unwritableSinceTick = loop.sessions.tick();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        loop.sessions.remove(this);
        if (connection != null) {
            core.close(connection);
        }
        if (fragments != null) {
            fragments.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CorruptedWebSocketFrameException) && !(cause instanceof IOException)) {
            // The decoder already answered frame violations with their close code; resets are routine.
            // Anything else is unexpected: log it, throttled so no client can flood the log.
            UNEXPECTED_ERRORS.report(() -> "closing " + ctx.channel().remoteAddress() + " after unexpected error: "
                    + cause);
        }
        ctx.close();
    }

    private void closeTooBig() {
        close(CLOSE_MESSAGE_TOO_BIG, "message too big");
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(ctx.channel().remoteAddress());
    }
}
