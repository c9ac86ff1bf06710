package org.signaltracker.netty.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Put first in an embedded pipeline, stands in for the socket: counts the {@code read()} calls that reach
 * it and, while holding, keeps writes as a socket whose client does not read would (their futures stay
 * incomplete) until released. Test code only; confined to the test thread.
 */
public final class SocketStandIn extends ChannelOutboundHandlerAdapter {

    private final Queue<Object> heldMessages = new ArrayDeque<>();
    private final Queue<ChannelPromise> heldPromises = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean holding;
    private int reads;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        reads++;
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (holding) {
            heldMessages.add(msg);
            heldPromises.add(promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /** From now on writes stay pending, as if the client had stopped reading. */
    public void holdWrites() {
        holding = true;
    }

    /** The client reads again: every held write goes out, and so do later ones. */
    public void releaseWrites() {
        holding = false;
        while (!heldMessages.isEmpty()) {
            ctx.write(heldMessages.poll(), heldPromises.poll());
        }
        ctx.flush();
    }

    public int heldWrites() {
        return heldMessages.size();
    }

    public int reads() {
        return reads;
    }
}
