package org.signaltracker.netty.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.signaltracker.core.metrics.TrackerMetrics;

/**
 * Closes a client that stays above its outbound high water mark for longer than allowed: while it is
 * unwritable every relay to it is dropped, so keeping it open only wastes its buffer. Not shared: one per
 * connection, confined to its event loop.
 */
public final class SlowConsumerHandler extends ChannelInboundHandlerAdapter {

    private final long closeAfterMillis;
    private final TrackerMetrics metrics;
    private ScheduledFuture<?> pendingClose;

    public SlowConsumerHandler(int unwritableCloseSeconds, TrackerMetrics metrics) {
        this.closeAfterMillis = unwritableCloseSeconds * 1000L;
        this.metrics = metrics;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            if (pendingClose == null) {
                pendingClose = ctx.executor().schedule(() -> closeIfStillStuck(ctx), closeAfterMillis,
                        TimeUnit.MILLISECONDS);
            }
        } else if (pendingClose != null) {
            pendingClose.cancel(false);
            pendingClose = null;
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pendingClose != null) {
            pendingClose.cancel(false);
            pendingClose = null;
        }
        super.channelInactive(ctx);
    }

    private void closeIfStillStuck(ChannelHandlerContext ctx) {
        pendingClose = null;
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            metrics.slowConsumersClosed.increment();
            // A close frame would queue behind the backlog it cannot drain; drop the connection.
            ctx.channel().close();
        }
    }
}
