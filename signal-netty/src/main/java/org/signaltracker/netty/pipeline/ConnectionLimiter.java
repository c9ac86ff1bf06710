package org.signaltracker.netty.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Refuses connections beyond {@code limits.maxConnections} as soon as they are accepted, so a flood of
 * connections cannot exhaust file descriptors or memory. Refusals are counted and logged at most once a
 * second, never per connection. Not a pipeline stage: the initializer asks it once per connection, and it
 * listens for the channel's close, which costs no handler context on every connection for the rest of its
 * life. Thread-safe and shared by every channel.
 */
public final class ConnectionLimiter implements ChannelFutureListener {

    private static final Logger LOG = Logger.getLogger(ConnectionLimiter.class.getName());

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastWarningMillis = new AtomicLong();

    /** @param maxConnections the limit; 0 means none */
    public ConnectionLimiter(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * Takes a slot for {@code channel}, given back when it closes; false, with nothing taken, when the
     * limit is reached and the caller must close it.
     */
    public boolean admit(Channel channel) {
        int now = open.incrementAndGet();
        if (maxConnections > 0 && now > maxConnections) {
            open.decrementAndGet();
            warnAtMostOncePerSecond(refused.incrementAndGet());
            return false;
        }
        channel.closeFuture().addListener(this);
        return true;
    }

    /** A channel that was admitted has closed. */
    @Override
    public void operationComplete(ChannelFuture closed) {
        open.decrementAndGet();
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
