package org.signaltracker.netty.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Closes connections beyond {@code limits.maxConnections} as soon as they are accepted, so a flood of
 * connections cannot exhaust file descriptors or memory. Refusals are counted and logged at most once a
 * second, never per connection. Thread-safe and shared by every channel.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionLimiter.class.getName());

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastWarningMillis = new AtomicLong();

    /** @param maxConnections the limit; 0 means none */
    public ConnectionLimiter(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int now = open.incrementAndGet();
        if (maxConnections > 0 && now > maxConnections) {
            long total = refused.incrementAndGet();
            warnAtMostOncePerSecond(total);
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }

    public int openConnections() {
        return open.get();
    }

    public long refusedConnections() {
        return refused.get();
    }

    private void warnAtMostOncePerSecond(long total) {
        long nowMillis = System.currentTimeMillis();
        long last = lastWarningMillis.get();
        if (nowMillis - last >= 1000 && lastWarningMillis.compareAndSet(last, nowMillis)) {
            LOG.warning("connection limit " + maxConnections + " reached; " + total + " connections refused so far");
        }
    }
}
