package org.signaltracker.netty.websocket;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Turns idle events into WebSocket keep-alive: a ping when nothing was written for a while, so proxies
 * with idle timeouts keep the line open (browsers answer pings but cannot send them), and a close when
 * nothing was read, not even a pong, so dead peers do not linger. Not shared: one per connection.
 */
public final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    static final int CLOSE_GOING_AWAY = 1001;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            switch (idle.state()) {
                case WRITER_IDLE -> ctx.writeAndFlush(new PingWebSocketFrame());
                case READER_IDLE -> ctx.writeAndFlush(new CloseWebSocketFrame(CLOSE_GOING_AWAY, "idle timeout"))
                        .addListener(ChannelFutureListener.CLOSE);
                default -> { }
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
