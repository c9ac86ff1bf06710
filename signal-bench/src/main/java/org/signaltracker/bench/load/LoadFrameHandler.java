package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Feeds one simulated client's messages to the scenario, as bytes. There is no frame aggregator in front:
 * trackers send every message as one frame, so a final text frame is scanned straight from its buffer;
 * a fragmented message (legal, and handled) is joined here, up to {@code maxMessageBytes}. Pongs go to
 * the scenario (the announce scenario's fences). Not shared: one per connection.
 */
final class LoadFrameHandler extends ChannelInboundHandlerAdapter {

    private static final AtomicBoolean FIRST_ERROR = new AtomicBoolean();

    private final LoadConnection connection;
    private final Scenario scenario;
    private final LoadStats stats;
    private final Semaphore handshakes;
    private final int maxMessageBytes;
    private boolean permitHeld = true;
    /** The fragments of a text message so far, or null when none is in progress. */
    private ByteBuf fragments;

    LoadFrameHandler(LoadConnection connection, Scenario scenario, LoadStats stats, Semaphore handshakes,
            int maxMessageBytes) {
        this.connection = connection;
        this.scenario = scenario;
        this.stats = stats;
        this.handshakes = handshakes;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The connecting thread also sets the channel, but a connection opened while others run (churn) is
     * then read on its loop without any ordering between the two: set here too, on the loop itself.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection.channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            releasePermit();
            stats.add(LoadStats.Count.CONNECTED);
            scenario.opened(connection, System.nanoTime());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                if (text.isFinalFragment()) {
                    deliver(text.content());
                } else {
                    startFragments(ctx, text.content());
                }
            } else if (msg instanceof ContinuationWebSocketFrame more) {
                continueFragments(ctx, more);
            } else if (msg instanceof PongWebSocketFrame pong) {
                ByteBuf data = pong.content();
                long payload = data.readableBytes() >= Long.BYTES ? data.getLong(data.readerIndex()) : -1;
                scenario.ponged(connection, payload, System.nanoTime());
            }
            // Binary frames (and their continuations) are not WebTorrent messages: ignored.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void deliver(ByteBuf payload) {
        scenario.received(connection, LoopBuffers.current().received.read(payload), System.nanoTime());
    }

    private void startFragments(ChannelHandlerContext ctx, ByteBuf first) {
        releaseFragments();
        if (first.readableBytes() > maxMessageBytes) {
            ctx.close();
            return;
        }
        fragments = ctx.alloc().buffer(first.readableBytes() * 2);
        fragments.writeBytes(first, first.readerIndex(), first.readableBytes());
    }

    private void continueFragments(ChannelHandlerContext ctx, ContinuationWebSocketFrame more) {
        if (fragments == null) {
            return; // the continuation of a binary message
        }
        ByteBuf data = more.content();
        if (fragments.readableBytes() + data.readableBytes() > maxMessageBytes) {
            releaseFragments();
            ctx.close();
            return;
        }
        fragments.writeBytes(data, data.readerIndex(), data.readableBytes());
        if (more.isFinalFragment()) {
            try {
                deliver(fragments);
            } finally {
                releaseFragments();
            }
        }
    }

    private void releaseFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseFragments();
        if (permitHeld) {
            connection.closedBeforeUp = true;
        }
        releasePermit();
        stats.add(LoadStats.Count.DISCONNECTED);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.add(LoadStats.Count.ERRORS);
        if (FIRST_ERROR.compareAndSet(false, true)) {
            // Once per run: a generator that silently drops connections would look like a tracker problem.
            System.err.println("load: a connection closed on an error (first of the run): " + cause);
        }
        ctx.close();
    }

    private void releasePermit() {
        if (permitHeld) {
            permitHeld = false;
            handshakes.release();
        }
    }
}
