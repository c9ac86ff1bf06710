package org.signaltracker.netty.pipeline;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * Asks for each accepted connection's first read before the connection is registered with its event loop,
 * so that Netty's epoll transport adds the socket to epoll already waiting for input: one {@code epoll_ctl}
 * (ADD) instead of two (ADD at registration, then MOD when the routes ask for the first request a moment
 * later). Every connection reads first thing anyway (the HTTP routes ask for the first request as soon as it
 * is active, the TLS handler for the client's hello), so this changes when the kernel is told, not what is
 * read; with a new connection per HTTP tracker request the saved system call is a few per cent of the work
 * of a request (signal-bench/RESULTS.md, section 18). Before registration the read only marks the channel
 * (no event loop, no system call); the NIO transport cannot do that, so its connections pass unchanged.
 * Auto-read is turned off here as well, as every connection's pipeline has it (it reads one request at a
 * time), so that the pipeline finds it off already and the first read stays asked for.
 *
 * <p>On the listening socket's pipeline, after {@link BannedPeerFilter} and before Netty's acceptor; sharable
 * because it holds no per-connection state.
 */
@ChannelHandler.Sharable
public final class ReadOnRegistration extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof EpollSocketChannel accepted && !accepted.isRegistered()) {
            // Auto-read off first, as the pipeline will have it (TrackerChannelInitializer): turning it off once
            // registered would take the first read back with an epoll_ctl of its own. The read itself goes to
            // the channel directly, since its pipeline cannot be used before it has an event loop.
            accepted.config().setAutoRead(false);
            accepted.unsafe().beginRead();
        }
        ctx.fireChannelRead(msg);
    }
}
