package org.signaltracker.netty.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.netty.http.UpgradeAdmission;

/**
 * Caps open connections at {@code limits.maxConnections}, so a flood of connections cannot exhaust file
 * descriptors or memory, while keeping {@code /health} reachable at the cap: up to {@link #HEALTH_RESERVE}
 * connections beyond it are still admitted for plain HTTP, and their WebSocket upgrades are refused with
 * 503 (this class is also that {@link UpgradeAdmission}). Connections beyond the cap and the reserve are
 * closed as soon as they are accepted. Refusals are counted and logged at most once a second, never per
 * connection.
 *
 * <p>The cap is live: {@link #setMaxConnections} (a reload) applies to the next accepted connection and
 * closes none that is open; while more are open than a lowered cap, new ones get the reserve or are closed.
 *
 * <p>Not a pipeline stage: the initializer asks it once per connection, and it listens for the channel's
 * close, which costs no handler context on every connection for the rest of its life. Thread-safe and
 * shared by every channel.
 */
public final class ConnectionLimiter implements ChannelFutureListener, UpgradeAdmission {

    /** Connections beyond the cap that may still ask for {@code /health}; enough for a few probes at once. */
    public static final int HEALTH_RESERVE = 16;
    static final int RETRY_AFTER_SECONDS = 10;

    private static final ThrottledLog REFUSALS = ThrottledLog.warnings(ConnectionLimiter.class);
    /** Set only on connections admitted into the reserve, so every other channel keeps an empty map. */
    private static final AttributeKey<Boolean> HEALTH_ONLY = AttributeKey.valueOf(ConnectionLimiter.class, "healthOnly");

    /** The cap and its refusal, swapped together by a reload; read once per accepted connection. */
    private volatile Cap cap;
    private final int reserve;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong admittedToReserve = new AtomicLong();
    /** Connections admitted since the start, for metrics: once per connection, never per message. */
    private final LongAdder accepted = new LongAdder();

    /** @param maxConnections the limit; 0 means none */
    public ConnectionLimiter(int maxConnections) {
        this(maxConnections, HEALTH_RESERVE);
    }

    ConnectionLimiter(int maxConnections, int reserve) {
        this.reserve = reserve;
        this.cap = new Cap(maxConnections);
    }

    /** A new cap (0: none) for the connections accepted from now on. */
    public void setMaxConnections(int maxConnections) {
        cap = new Cap(maxConnections);
    }

    /**
     * Takes a slot for {@code channel}, given back when it closes; false, with nothing taken, when the
     * cap and the reserve are full and the caller must close it.
     */
    public boolean admit(Channel channel) {
        int maxConnections = cap.maxConnections;
        int now = open.incrementAndGet();
        if (maxConnections > 0 && now > maxConnections) {
            if (now > maxConnections + reserve) {
                open.decrementAndGet();
                long total = refused.incrementAndGet();
                REFUSALS.report(() -> "connection limit " + maxConnections + " (+" + reserve
                        + " for health checks) reached; " + total + " connections refused so far");
                return false;
            }
            admittedToReserve.incrementAndGet();
            channel.attr(HEALTH_ONLY).set(Boolean.TRUE);
        }
        channel.closeFuture().addListener(this);
        accepted.increment();
        return true;
    }

    /** A connection admitted into the reserve may not become a WebSocket. */
    @Override
    public Refusal refusal(Channel channel) {
        return channel.hasAttr(HEALTH_ONLY) ? cap.refusal : null;
    }

    /** A channel that was admitted has closed. */
    @Override
    public void operationComplete(ChannelFuture closed) {
        open.decrementAndGet();
    }

    public int maxConnections() {
        return cap.maxConnections;
    }

    public int openConnections() {
        return open.get();
    }

    /** Connections admitted since the start, the health-check reserve's included. */
    public long acceptedConnections() {
        return accepted.sum();
    }

    public long refusedConnections() {
        return refused.get();
    }

    /** Connections admitted beyond the cap, for plain HTTP only. */
    public long reserveAdmissions() {
        return admittedToReserve.get();
    }

    /** A cap and the 503 that names it, built once per value rather than per refused upgrade. */
    private static final class Cap {
        final int maxConnections;
        final Refusal refusal;

        Cap(int maxConnections) {
            this.maxConnections = maxConnections;
            this.refusal = new Refusal(HttpResponseStatus.SERVICE_UNAVAILABLE, "connection limit " + maxConnections
                    + " reached; this connection may only ask for /health, retry later", RETRY_AFTER_SECONDS);
        }
    }
}
