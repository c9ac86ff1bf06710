package org.signaltracker.netty.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.access.IpAddress;
import org.signaltracker.netty.http.ClientAddress;

/**
 * Closes connections from banned TCP peers the moment they are accepted: it sits on the listening socket's
 * pipeline, before Netty's acceptor, so a banned peer's connection is closed before it is registered with an
 * event loop, given a pipeline or counted against the connection cap. Nothing is sent to it. Counted and
 * logged (throttled) by {@link AccessControl}.
 *
 * <p>On the listening channel's event loop only; sharable because it holds no per-connection state.
 */
@ChannelHandler.Sharable
public final class BannedPeerFilter extends ChannelInboundHandlerAdapter {

    private final AccessControl access;

    public BannedPeerFilter(AccessControl access) {
        this.access = access;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel accepted) {
            IpAddress peer = ClientAddress.peer(accepted);
            if (peer != null && access.refusedAtAccept(peer)) {
                // As Netty's acceptor closes a child it cannot register: the channel has no event loop yet.
                accepted.unsafe().closeForcibly();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
