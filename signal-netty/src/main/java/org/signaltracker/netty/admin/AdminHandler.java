package org.signaltracker.netty.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.RejectedExecutionException;

/**
 * The admin listener's last stage: hands each request to the {@link AdminRoutes} and writes the answer back
 * on the connection's loop. One request at a time: reading pauses until the response is written, so a client
 * cannot queue requests behind a slow one. Not shared: one per connection, confined to its loop (the answer
 * arrives from the admin thread and is handed to the loop).
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final AdminRoutes routes;

    AdminHandler(AdminRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            ctx.writeAndFlush(AdminResponse.text(HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request.\n")
                    .toHttp(false)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        AdminRequest admin = AdminRequest.of(request);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ctx.channel().config().setAutoRead(false);
        routes.submit(admin).thenAccept(answer -> {
            try {
                ctx.executor().execute(() -> write(ctx, answer.toHttp(admin.isHead()), keepAlive));
            } catch (RejectedExecutionException stopping) {
                // The loop is shutting down with the daemon; the connection goes with it.
            }
        });
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response).addListener(keepAlive ? (ChannelFutureListener) written -> {
            if (written.isSuccess()) {
                written.channel().config().setAutoRead(true);
            } else {
                written.channel().close();
            }
        } : ChannelFutureListener.CLOSE);
    }

    /** Resets and undecodable bytes end the connection quietly; the admin port is for operators' tools. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
