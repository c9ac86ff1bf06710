package org.signaltracker.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.CloseCode;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.session.SessionProtocol;
import org.signaltracker.netty.http.ClientAddress;
import org.signaltracker.netty.metrics.MessageTimes;

/**
 * One upgraded WebSocket, and the core's {@link PeerSession} port to it. Complete text and binary messages
 * go to the protocol its upgrade route chose (a {@link SessionProtocol}: this class knows no tracker and no
 * signaling hub); pings, pongs and close frames are answered here; relays come back through
 * {@link #send} as ready-made frames. It is the only stage after the frame codec: one handler instead of a
 * stage per concern keeps the cost of a message and the heap of an idle connection low. Keep-alive and
 * slow-consumer decisions are its loop's {@link SessionSweep}; relay flushes are its loop's
 * {@link FlushBatch}. Protocol errors are the dispatcher's; transport errors become close codes here.
 *
 * <p>Every byte it holds is bounded and counted in {@link HeldBytes}. It reads only while it may produce
 * output: while the client is over its high water mark (not reading what we send), while it is closing, or
 * while the daemon is over its held-bytes budget, it stops reading, so no pong, reply or close frame is made
 * for input it has not read yet. A close is sent once; a close frame that cannot leave within
 * {@link #CLOSE_GRACE_TICKS} ends in a plain TCP close.
 *
 * <p>Two ways to send: {@link #send} drops a message for a client over its high water mark (WebTorrent's
 * rule: an offer can be retried, a stalled peer must not hold memory), {@link #sendReliable} never drops
 * for slowness (signaling) and instead closes the client with 1013 once what waits for its socket would
 * pass {@code signaling.reliableQueueBytes}. That bound is read from the channel's own count of pending
 * bytes, which Netty keeps for writes from any thread (frames plus its 96 bytes of bookkeeping per queued
 * message, so the bound is on memory actually held), and a reliable message therefore costs no write
 * listener, no promise and no counter of its own: {@code ReliableQueueBound} with a listener per message
 * would have added a promise and a listener object to every relay.
 *
 * <p>Confined to its event loop, except {@link #send} and {@link #close}, which any thread may call:
 * Netty hands a write from another thread to the channel's loop and counts it against the water marks
 * at once, and a close from another thread is run on the loop.
 */
public final class WebSocketSession extends ChannelInboundHandlerAdapter implements PeerSession {

    /** Write out at once past this many unflushed bytes instead of at the end of the read or the turn. */
    static final int FLUSH_AT_BYTES = 16 * 1024;
    /** Sweep ticks a closing connection has to get its close frame out before the TCP connection is dropped. */
    static final int CLOSE_GRACE_TICKS = 2;

    private static final ThrottledLog UNEXPECTED_ERRORS = ThrottledLog.warnings(WebSocketSession.class);
    private static final AtomicLong NEXT_ID = new AtomicLong();
    /** An empty ping frame, encoded once; every ping writes a view of it. */
    private static final ByteBuf PING = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte(0x89).writeByte(0));
    /** Size of a pong's frame header, for counting unflushed bytes. */
    private static final int CONTROL_HEADER_BYTES = 2;

    private final long id = NEXT_ID.incrementAndGet();
    private static final AtomicIntegerFieldUpdater<WebSocketSession> REFRESH_QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(WebSocketSession.class, "refreshQueued");
    static final String READER_TOO_SLOW = "not reading: signaling queue bound reached";

    private final SessionProtocol<Object, Object> protocol;
    private final LoopResources loop;
    /** The loop's histogram for this protocol: one record per message, no lock, no allocation. */
    private final MessageTimes times;
    private final TrackerMetrics metrics;
    private final int maxMessageBytes;
    final HeldBytes held;
    private ChannelHandlerContext ctx;
    /** The protocol's state for this connection; null before the start and when the protocol refused it. */
    private Object connection;
    private boolean started;
    private ScheduledFuture<?> deadline;
    /** 1 while a count of the outbound bytes is queued on the loop after a write from another thread. */
    private volatile int refreshQueued;
    private Runnable refreshTask;
    /** Counts the outbound bytes again once the socket has taken what a flush left queued; made once. */
    private ChannelFutureListener recount;
    private boolean recountQueued;
    private FragmentedMessage fragments;
    private boolean reading;
    private boolean flushQueued;
    private int unflushedBytes;
    private boolean closing;
    boolean pausedForBudget;

    // Stamps in ticks of the loop's sweep; see SessionSweep.
    int lastReadTick;
    int lastWriteTick;
    int unwritableSinceTick = -1;
    int closingSinceTick = -1;
    int sweepIndex = -1;

    WebSocketSession(LoopResources loop, UpgradeTarget.Protocol protocol, TrackerMetrics metrics,
            int maxMessageBytes) {
        this.protocol = loop.protocol(protocol);
        this.loop = loop;
        this.times = loop.times(protocol);
        this.metrics = metrics;
        this.maxMessageBytes = maxMessageBytes;
        this.held = new HeldBytes(this, loop);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The handshake response is written: the connection joins its loop's sweep and its protocol, with what
     * the upgrade route granted.
     */
    void start(Object grant) {
        if (started || !ctx.channel().isActive()) {
            return;
        }
        started = true;
        int now = loop.sessions.tick();
        lastReadTick = now;
        lastWriteTick = now;
        loop.sessions.add(this);
        loop.table.opened.increment();
        connection = protocol.open(this, grant);
        if (connection != null) {
            int seconds = protocol.deadlineSeconds(connection);
            if (seconds > 0) {
                deadline = ctx.executor().schedule(this::deadlinePassed, seconds, TimeUnit.SECONDS);
            }
        }
        updateReading();
    }

    private void deadlinePassed() {
        deadline = null;
        if (connection != null && !closing) {
            protocol.onDeadline(connection);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            // Only bytes a client sent before it saw the 101 can get here; they are not frames we decoded.
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (closing) {
                // Input after our close is not acted on; the peer's own close frame completes the handshake.
                if (frame instanceof CloseWebSocketFrame) {
                    ctx.channel().close();
                }
                return;
            }
            reading = true;
            lastReadTick = loop.sessions.tick();
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                dataFrame(frame, frame instanceof TextWebSocketFrame);
            } else if (frame instanceof ContinuationWebSocketFrame) {
                continuation(frame);
            } else if (frame instanceof PingWebSocketFrame) {
                pong(frame);
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeFromPeer(close);
            }
            // A pong needs nothing beyond the read stamp above.
        } finally {
            frame.release();
        }
    }

    private void pong(WebSocketFrame ping) {
        // A client that does not read our pongs gets none (RFC 6455 lets a pong answer only the latest ping);
        // reading stops with the same writability change, so the pings stop arriving too.
        if (ctx.channel().isWritable()) {
            lastWriteTick = lastReadTick;
            ByteBuf payload = ping.content();
            unflushedBytes += CONTROL_HEADER_BYTES + payload.readableBytes();
            ctx.write(new PongWebSocketFrame(payload.retain()), ctx.voidPromise());
        }
    }

    /** The peer starts the closing handshake: echo a valid close frame, answer an invalid one with 1002. */
    private void closeFromPeer(CloseWebSocketFrame frame) {
        if (!isValidClose(frame.content())) {
            metrics.invalidCloseFrames.increment();
            close(CloseCode.PROTOCOL_ERROR.code(), "invalid close frame");
            return;
        }
        beginClosing();
        if (ctx.channel().isWritable()) {
            ctx.writeAndFlush(frame.retain()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.channel().close();
        }
    }

    /** RFC 6455 section 5.5.1: no body, or a valid code and a UTF-8 reason. A 1-byte body never gets here. */
    private static boolean isValidClose(ByteBuf body) {
        if (!body.isReadable()) {
            return true;
        }
        return body.readableBytes() >= 2 && CloseCode.isValidFromPeer(body.getUnsignedShort(body.readerIndex()))
                && ByteBufUtil.isText(body, body.readerIndex() + 2, body.readableBytes() - 2, StandardCharsets.UTF_8);
    }

    private void dataFrame(WebSocketFrame frame, boolean text) {
        if (frame.isFinalFragment()) {
            deliver(frame.content(), text);
            return;
        }
        if (fragments == null) {
            fragments = new FragmentedMessage(maxMessageBytes);
        }
        boolean fits = fragments.start(ctx.alloc(), frame.content(), text);
        held.message(fragments.heldBytes());
        if (!fits) {
            closeTooBig();
        }
    }

    private void continuation(WebSocketFrame frame) {
        if (fragments == null || !fragments.inProgress()) {
            return; // the decoder refuses an unexpected continuation before it gets here
        }
        if (!fragments.append(frame.content())) {
            held.message(0);
            closeTooBig();
        } else if (frame.isFinalFragment()) {
            try {
                deliver(fragments.joined(), fragments.text());
            } finally {
                fragments.release();
                held.message(0);
            }
        } else {
            held.message(fragments.heldBytes());
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
        long start = System.nanoTime();
        content.getBytes(content.readerIndex(), loop.payload, 0, length);
        protocol.onMessage(connection, loop.payload, 0, length, text);
        times.record(System.nanoTime() - start);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        // The replies to what this connection sent leave together, in one write, at the end of its read.
        flushNow();
        ctx.fireChannelReadComplete();
    }

    @Override
    public boolean send(byte[] bytes, int offset, int length) {
        Channel channel = ctx.channel();
        if (!channel.isActive() || !channel.isWritable() || closing) {
            return false;
        }
        write(TextFrames.encode(ctx.alloc(), bytes, offset, length));
        return true;
    }

    /**
     * Never dropped for slowness: queued while the client is over its high water mark, up to
     * {@code signaling.reliableQueueBytes} waiting for its socket; the message that would pass that bound
     * closes the client with 1013 instead (and the sweep closes it after {@code unwritableCloseSeconds}
     * unwritable). The check and the write race with writes from other loops, so the bound can be passed
     * by at most one message per loop.
     */
    @Override
    public boolean sendReliable(byte[] bytes, int offset, int length) {
        Channel channel = ctx.channel();
        if (!channel.isActive() || closing) {
            return false;
        }
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        long pending = outbound == null ? 0 : outbound.totalPendingWriteBytes();
        if (pending + length > loop.reliableQueueBytes) {
            close(CloseCode.TRY_AGAIN_LATER.code(), READER_TOO_SLOW);
            return false;
        }
        boolean inLoop = ctx.executor().inEventLoop();
        write(TextFrames.encode(ctx.alloc(), bytes, offset, length));
        if (!inLoop) {
            queueOutboundCount();
        }
        return true;
    }

    /**
     * After a reliable write from another loop: what waits for the socket may now be far past the high
     * water mark, and the held-bytes budget must see it. One count per burst, run after the writes queued
     * before it; the task is made once per session, on its first such write.
     */
    private void queueOutboundCount() {
        if (REFRESH_QUEUED.compareAndSet(this, 0, 1)) {
            Runnable task = refreshTask;
            if (task == null) {
                task = () -> {
                    refreshQueued = 0;
                    refreshOutbound();
                };
                refreshTask = task;
            }
            ctx.executor().execute(task);
        }
    }

    private void write(ByteBuf frame) {
        lastWriteTick = loop.sessions.tick();
        if (!ctx.executor().inEventLoop()) {
            ctx.writeAndFlush(frame, ctx.voidPromise());
            return;
        }
        ctx.write(frame, ctx.voidPromise());
        unflushedBytes += frame.readableBytes();
        if (unflushedBytes >= FLUSH_AT_BYTES) {
            flushNow();
        } else if (!reading && !flushQueued) {
            flushQueued = true;
            loop.flushes.add(this);
        }
    }

    /** Called by the loop's {@link FlushBatch} at the end of the turn this session was queued in. */
    void flushQueued() {
        flushQueued = false;
        flushNow();
    }

    private void flushNow() {
        if (unflushedBytes > 0) {
            unflushedBytes = 0;
            ctx.flush();
            refreshOutbound();
            recountWhenTaken();
        }
    }

    /**
     * What a flush leaves queued is counted as held; it must be counted again once the socket has taken it,
     * which nothing else does before the sweep's recount, up to a second later. On epoll the queue is empty
     * after a flush unless the client is slow. On io_uring a flush only submits the write, so every flush
     * leaves its bytes queued until the write completes: without this they would count against the budget
     * for that second, and under heavy output push it towards refusals and shedding that epoll would not see.
     * An empty write behind them completes when they are taken, and then they are counted again; one at a time.
     */
    private void recountWhenTaken() {
        if (recountQueued || held.outboundBytes() == 0 || !ctx.channel().isActive()) {
            return;
        }
        recountQueued = true;
        ChannelFutureListener listener = recount;
        if (listener == null) {
            // Counted in a task, after the queue has let go of the empty write too: it is still queued (with
            // its entry overhead) while its own listeners run.
            listener = done -> {
                recountQueued = false;
                queueOutboundCount();
            };
            recount = listener;
        }
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(listener);
    }

    /** Counts what the socket has not taken yet; after a flush to a reading client that is nothing. */
    void refreshOutbound() {
        ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        held.outbound(outbound == null ? 0 : outbound.totalPendingWriteBytes());
    }

    @Override
    public void close(int closeCode, String reason) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> close(closeCode, reason));
            return;
        }
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        beginClosing();
        if (ctx.channel().isWritable()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            // A close frame would wait behind the backlog the client is not reading.
            ctx.channel().close();
        }
    }

    private void beginClosing() {
        if (!closing) {
            closing = true;
            closingSinceTick = loop.sessions.tick();
            updateReading();
        }
    }

    boolean isWritable() {
        return ctx.channel().isWritable();
    }

    /** From the sweep: a close frame that did not leave in time; the TCP connection goes without it. */
    void abortClose() {
        ctx.channel().close();
    }

    /** From the sweep: nothing was written for the ping interval. */
    void ping(int tick) {
        if (ctx.channel().isWritable()) {
            lastWriteTick = tick;
            ctx.writeAndFlush(PING.duplicate(), ctx.voidPromise());
        }
    }

    /** From the sweep: over the high water mark for too long; a close frame would queue behind the backlog. */
    void closeStuck() {
        metrics.slowConsumersClosed.increment();
        beginClosing();
        ctx.channel().close();
    }

    /**
     * From the sweep's shedding: the daemon is over its budget and this connection holds the most. Its
     * bytes are given back at once (the close frees them within this turn of the loop), so the shedding
     * pass counts them freed.
     */
    void shed() {
        metrics.connectionsShed.increment();
        beginClosing();
        if (ctx.channel().isWritable()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(CloseCode.TRY_AGAIN_LATER.code(),
                    CloseCode.TRY_AGAIN_LATER.reason()), ctx.voidPromise());
        }
        ctx.channel().close();
        held.releaseAll();
    }

    /** From {@link HeldBytes}: this connection grew while the daemon is over its budget; stop reading from it. */
    void grewOverBudget() {
        if (!pausedForBudget) {
            pausedForBudget = true;
            loop.pausedSessions++;
            updateReading();
        }
        loop.requestShed();
    }

    /** From the sweep: the daemon is back under its budget. */
    void resumeAfterBudget() {
        if (pausedForBudget) {
            pausedForBudget = false;
            loop.pausedSessions--;
            updateReading();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Only the sweep clears the stamp, when it finds the session writable: a client whose kernel lets a
        // few bytes through now and then flips back and forth, and must not restart its clock each time.
        if (!ctx.channel().isWritable() && unwritableSinceTick < 0) {
            unwritableSinceTick = loop.sessions.tick();
        }
        refreshOutbound();
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    /** Reads only while the client takes what we send, we are not closing, and the daemon is within budget. */
    private void updateReading() {
        Channel channel = ctx.channel();
        boolean read = !closing && !pausedForBudget && channel.isWritable();
        ChannelConfig config = channel.config();
        if (config.isAutoRead() != read) {
            config.setAutoRead(read);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        loop.sessions.remove(this);
        resumeAfterBudget();
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (connection != null) {
            protocol.onClose(connection);
        }
        if (fragments != null) {
            fragments.release();
        }
        held.releaseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            // The decoder already sent the close frame for the violation and closes once it is written; the
            // sweep drops the connection if it cannot be.
            beginClosing();
            return;
        }
        if (!(cause instanceof IOException)) {
            // Resets are routine. Anything else is unexpected: log it, throttled so no client can flood the log.
            UNEXPECTED_ERRORS.report(() -> "closing " + ClientAddress.describe(ctx.channel()) + " after unexpected error: "
                    + cause);
        }
        ctx.close();
    }

    private void closeTooBig() {
        close(CloseCode.MESSAGE_TOO_BIG.code(), CloseCode.MESSAGE_TOO_BIG.reason());
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return ClientAddress.describe(ctx.channel());
    }
}
