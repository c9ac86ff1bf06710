package org.signaltracker.netty.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin port: a second, small HTTP server channel on the daemon's own event loops that serves only the
 * {@link AdminRoutes} (no WebSocket, no static files). Bound to {@code admin.bindAddress}, loopback by
 * default. It admits {@link #MAX_CONNECTIONS} connections at once and closes one idle for
 * {@link #IDLE_SECONDS}, so even a misconfigured public bind cannot hold many sockets. Thread-safe.
 */
public final class AdminListener {

    static final int MAX_CONNECTIONS = 64;
    /** Longer than any sane scrape interval, so Prometheus keeps its connection between scrapes. */
    static final int IDLE_SECONDS = 300;
    /**
     * Above any body an admin route accepts (the torrent API refuses more than 16 KiB with a reason), so such
     * a body reaches the route and gets its 400; beyond this Netty answers 413. 64 connections hold 4 MiB at most.
     */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final AtomicInteger open = new AtomicInteger();
    private Channel channel;

    /** Binds on {@code loops}; returns the bound address (useful with port 0). */
    public InetSocketAddress bind(EventLoopGroup loops, Class<? extends ServerChannel> channelClass,
            String address, int port, AdminRoutes routes) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(channelClass)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (open.incrementAndGet() > MAX_CONNECTIONS) {
                            open.decrementAndGet();
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(closed -> open.decrementAndGet());
                        ch.pipeline().addLast("admin-timeout", new ReadTimeoutHandler(IDLE_SECONDS))
                                .addLast("admin-http", new HttpServerCodec())
                                .addLast("admin-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("admin-routes", new AdminHandler(routes));
                    }
                });
        channel = bootstrap.bind(address, port).sync().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting and closes the listening socket; open admin connections close with the loops. */
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }
}
