package org.signaltracker.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * Opens the configured connections and completes their WebSocket handshakes, at most
 * {@link #MAX_CONCURRENT_HANDSHAKES} at a time, spreading source addresses over 127.0.0.1 .. 127.0.0.N so
 * ephemeral ports last; over TLS for a wss:// URL ({@link LoadTls}). Bounded in time by the deadline it is given. Used from the main thread.
 */
final class Connector {

    static final int MAX_CONCURRENT_HANDSHAKES = 256;
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final LoadConfig config;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final Scenario scenario;
    private final LoadStats stats;
    /** For wss:// URLs, else null. */
    private final SslContext tls;

    Connector(LoadConfig config, EventLoopGroup group, boolean epoll, Scenario scenario, LoadStats stats) {
        this.tls = LoadTls.clientContext(config.url());
        this.config = config;
        this.group = group;
        this.epoll = epoll;
        this.scenario = scenario;
        this.stats = stats;
    }

    /** Connects every configured client (adding each to {@code connections}) or stops at {@code deadlineNanos}. */
    void connectAll(List<LoadConnection> connections, long deadlineNanos) throws InterruptedException {
        InetSocketAddress remote = remote();
        Semaphore handshakes = new Semaphore(MAX_CONCURRENT_HANDSHAKES);
        SplittableRandom ids = new SplittableRandom(config.seed());
        for (int i = 0; i < config.connections() && System.nanoTime() < deadlineNanos; i++) {
            if (!handshakes.tryAcquire(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            connections.add(connect(i, OutboundMessages.randomId(ids), remote, handshakes));
        }
        // Wait for the handshakes still in flight (bounded by the same deadline): every connection is
        // then up, refused, or closed; one that came up and closed since counts once, as closed.
        while (stats.sum(Count.CONNECTED) + stats.sum(Count.CONNECT_FAILURES) + closedBeforeUp(connections)
                < connections.size() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(20);
        }
    }

    /**
     * Starts connecting client {@code index} (its source address follows from the index); returns at once.
     * The caller holds one of {@code handshakes}, which is released when the handshake completes or fails.
     */
    LoadConnection connect(int index, byte[] peerId, InetSocketAddress remote, Semaphore handshakes) {
        LoadConnection connection = new LoadConnection(index, peerId);
        InetSocketAddress local = new InetSocketAddress("127.0.0." + (1 + index % config.sourceAddresses()), 0);
        ChannelFuture future = bootstrap(connection, handshakes).connect(remote, local);
        connection.channel = future.channel();
        future.addListener(f -> {
            if (!f.isSuccess()) {
                stats.add(Count.CONNECT_FAILURES);
                handshakes.release();
            }
        });
        return connection;
    }

    /** The tracker's address, from the configured URL. */
    InetSocketAddress remote() {
        return new InetSocketAddress(config.url().getHost(), config.url().getPort());
    }

    private static long closedBeforeUp(List<LoadConnection> connections) {
        long closed = 0;
        for (LoadConnection c : connections) {
            if (c.closedBeforeUp) {
                closed++;
            }
        }
        return closed;
    }

    private Bootstrap bootstrap(LoadConnection connection, Semaphore handshakes) {
        return new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), config.url().getHost(),
                                    config.url().getPort()));
                        }
                        ch.pipeline().addLast(
                                new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(config.url())
                                        .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                                        .handshakeTimeoutMillis(10_000)
                                        // The tracker under test is not what is checked here; the
                                        // generator's CPU is what limits how hard it can push.
                                        .withUTF8Validator(false)
                                        // The announce scenario's fences are pings; it needs the pongs.
                                        .dropPongFrames(false)
                                        .build()),
                                new LoadFrameHandler(connection, scenario, stats, handshakes, MAX_MESSAGE_BYTES));
                    }
                });
    }
}
