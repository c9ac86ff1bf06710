package org.signaltracker.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.List;

/**
 * Netty's RFC 6455 frame decoder, with three changes. It reports the bytes it holds for a frame that has not
 * fully arrived (its cumulation buffer, which for a large frame grows to the frame's size) to the
 * connection's {@link HeldBytes}, so unfinished frames count against the daemon's budget. It never asks for a
 * read itself: reading is the session's to decide, through auto-read. And it leaves close-frame bodies to
 * {@link WebSocketSession}: once Netty has seen the peer's close frame it answers a bad code or reason by
 * dropping the TCP connection without a close frame, where RFC 6455 asks for 1002.
 *
 * <p>Not shared: one per connection, on its event loop.
 */
final class BudgetedFrameDecoder extends WebSocket13FrameDecoder {

    private final HeldBytes held;

    BudgetedFrameDecoder(WebSocketDecoderConfig config, HeldBytes held) {
        super(config);
        this.held = held;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decode(ctx, in, out);
        // What stays readable after a decode pass is kept for the next read, in a buffer of this capacity.
        held.frame(in.isReadable() ? in.capacity() : 0);
    }

    /**
     * Netty's decoder asks for another read after any read that completed no frame while auto-read is off (for
     * pipelines that read one message at a time). Here auto-read is off only when the session paused reading:
     * for back-pressure, for the held-bytes budget, while closing, or before it has started. That read would undo
     * the pause for a client sending one large frame that never ends, one read after another: its bytes grow
     * the budget the pause is protecting (on io_uring, where the next read is submitted at once, up to the
     * whole frame before the shedding pass runs). So the read is left out; the rest is Netty's.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
        // Checked by the session (WebSocketSession#closeFromPeer), which can still answer with a close frame.
    }
}
