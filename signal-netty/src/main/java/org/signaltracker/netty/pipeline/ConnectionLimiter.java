package org.signaltracker.netty.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.signaltracker.core.log.ThrottledLog;

/**
 * Refuses connections beyond {@code limits.maxConnections} as soon as they are accepted, so a flood of
 * connections cannot exhaust file descriptors or memory. Refusals are counted and logged at most once a
 * second, never per connection. Not a pipeline stage: the initializer asks it once per connection, and it
 * listens for the channel's close, which costs no handler context on every connection for the rest of its
 * life. Thread-safe and shared by every channel.
 */
public final class ConnectionLimiter implements ChannelFutureListener {

    private static final ThrottledLog REFUSALS = ThrottledLog.warnings(ConnectionLimiter.class);

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

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
            long total = refused.incrementAndGet();
            REFUSALS.report(() -> "connection limit " + maxConnections + " reached; " + total
                    + " connections refused so far");
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
}
