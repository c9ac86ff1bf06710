package org.signaltracker.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.ClassicStats.Count;

/**
 * One client of the http-* scenarios, with one request in flight at a time. http-new: connect, send one
 * GET (Connection: close), read the answer, close, and start over. http-keepalive: keep the connection
 * and send the next GET on it, opening a new one only when the server closes it. opentracker closes after
 * every answer without saying so (HTTP/1.1, no Connection: close), so there a client's next GET meets a
 * closed connection and goes again on a new one, as a real client's would: keep-alive degenerates into a
 * new connection per answer, which {@link Count#CLOSED_AFTER_ANSWER} shows.
 * Latency runs from the connect (a new connection) or the write (a reused one) to the answer's last byte.
 * Connections end with SO_LINGER 0, a reset: neither side keeps a TIME_WAIT entry, which at tens of
 * thousands of connections a second would exhaust the loopback's ports within a minute.
 *
 * <p>Sharable only in sequence: one connection at a time uses it, and callbacks from an earlier one (its
 * close, arriving after the next connect) are told apart by channel. Confined to its event loop.
 */
@Sharable
final class HttpSlot extends ChannelInboundHandlerAdapter {

    private final Bootstrap bootstrap;
    private final InetSocketAddress tracker;
    private final InetSocketAddress source;
    private final boolean keepAlive;
    private final HttpRequests requests;
    private final ClassicPeer peer;
    private final int scrapeHashes;
    private final long timeoutNanos;
    private final ClassicStats stats;
    private final HttpResponseReader reader = new HttpResponseReader();
    private final EventLoop loop;

    private Channel channel;
    private long startNanos;
    private boolean fresh;
    private boolean inFlight;
    /** Answers read on the current connection. */
    private int answers;
    /** The request in flight met a connection the server had closed after its last answer: send it again. */
    private boolean retry;
    private ClassicPeer.Kind kind;
    private volatile boolean stopped;

    HttpSlot(Bootstrap base, EventLoop loop, InetSocketAddress tracker, InetSocketAddress source, LoadConfig config,
            HttpRequests requests, ClassicPeer peer, ClassicStats stats) {
        this.loop = loop;
        this.bootstrap = base.clone().group(loop).handler(this);
        this.tracker = tracker;
        this.source = source;
        this.keepAlive = config.scenario().equals("http-keepalive");
        this.requests = requests;
        this.peer = peer;
        this.scrapeHashes = config.classic().scrapeHashes();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.classic().timeoutMillis());
        this.stats = stats;
    }

    /** Starts this client on its event loop, with a timeout check every quarter of the timeout. */
    void start() {
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
        loop.execute(this::open);
        loop.scheduleAtFixedRate(this::expire, period, period, TimeUnit.NANOSECONDS);
    }

    /** Stops opening connections and closes the current one; safe from any thread. */
    void stop() {
        stopped = true;
        loop.execute(() -> {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        });
    }

    private void open() {
        if (stopped) {
            return;
        }
        stats.add(Count.TCP_CONNECTS);
        if (!retry) {
            startNanos = System.nanoTime();
        }
        fresh = true;
        answers = 0;
        inFlight = true;
        ChannelFuture connect = bootstrap.connect(tracker, source);
        channel = connect.channel();
        connect.addListener(done -> {
            if (!done.isSuccess() && connect.channel() == channel) {
                // Refused or failed: try again shortly, not in a tight loop against a port nobody serves.
                stats.add(Count.SOCKET_ERRORS);
                inFlight = false;
                channel = null;
                loop.schedule(this::open, 10, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.channel() == channel) {
            send(ctx);
        }
    }

    private void send(ChannelHandlerContext ctx) {
        if (stopped) {
            return;
        }
        if (!fresh) {
            startNanos = System.nanoTime();
        }
        fresh = false;
        inFlight = true;
        reader.reset();
        boolean again = retry;
        retry = false;
        if (!again) {
            kind = peer.nextKind(true, false);
        }
        ByteBuf request = ctx.alloc().directBuffer(1024);
        if (kind == ClassicPeer.Kind.SCRAPE) {
            requests.scrape(request, peer, scrapeHashes);
            stats.add(again ? Count.RETRIES : Count.SENT_SCRAPES);
        } else {
            if (!again) {
                peer.nextAnnounce();
            }
            requests.announce(request, peer);
            stats.add(again ? Count.RETRIES : Count.SENT_ANNOUNCES);
        }
        ctx.writeAndFlush(request, ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        try {
            if (ctx.channel() != channel || !inFlight) {
                return;
            }
            switch (reader.read(data)) {
                case DONE -> answered(ctx.channel(), false);
                case BAD -> {
                    stats.add(Count.MALFORMED);
                    restart();
                }
                case MORE -> {
                    // wait for the rest
                }
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel() != channel) {
            return;
        }
        if (inFlight) {
            if (reader.closed() == HttpResponseReader.State.DONE) {
                answered(ctx.channel(), true);
                return;
            }
            if (reader.empty() && answers > 0 && !fresh) {
                stats.add(Count.CLOSED_AFTER_ANSWER);
                retry = true;
            } else {
                stats.add(reader.empty() ? Count.CLOSED_EARLY : Count.MALFORMED);
            }
        }
        inFlight = false;
        channel = null;
        open();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel() == channel) {
            stats.add(Count.SOCKET_ERRORS);
        }
        ctx.close();
    }

    private void answered(Channel current, boolean closedByServer) {
        stats.recordLatency(System.nanoTime() - startNanos);
        inFlight = false;
        answers++;
        if (reader.status() != 200) {
            stats.add(Count.MALFORMED);
        } else {
            switch (reader.body()) {
                case ANNOUNCE -> {
                    stats.add(kind == ClassicPeer.Kind.ANNOUNCE ? Count.ANNOUNCED : Count.MALFORMED);
                    stats.add(Count.PEERS_RETURNED, reader.peers());
                }
                case SCRAPE -> stats.add(kind == ClassicPeer.Kind.SCRAPE ? Count.SCRAPED : Count.MALFORMED);
                case FAILURE -> stats.add(Count.REFUSED);
                case OTHER -> stats.add(Count.MALFORMED);
            }
        }
        boolean reusable = keepAlive && !closedByServer && !reader.serverCloses() && current.isActive();
        if (reusable) {
            send(current.pipeline().firstContext());
            return;
        }
        if (keepAlive) {
            stats.add(Count.CLOSED_AFTER_ANSWER);
        }
        restart();
    }

    /** Ends the current connection (with a reset, SO_LINGER 0) and opens the next. */
    private void restart() {
        inFlight = false;
        if (channel != null) {
            channel.close();
            channel = null;
        }
        open();
    }

    private void expire() {
        if (inFlight && System.nanoTime() - startNanos > timeoutNanos && !stopped) {
            stats.add(Count.TIMEOUTS);
            retry = false;
            restart();
        }
    }
}
