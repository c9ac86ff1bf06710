package org.signaltracker.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The http-* scenarios' clients: {@code connections} {@link HttpSlot}s, each with one request in flight,
 * client {@code i} connecting from 127.0.0.(1 + i mod sourceAddresses) (bound before the connect, so each
 * source address has its own ephemeral ports), spread over the event loops.
 */
final class HttpLoad {

    private final List<HttpSlot> slots = new ArrayList<>();

    void start(LoadConfig config, EventLoopGroup group, ClassicTorrents torrents, ClassicStats stats) {
        InetSocketAddress tracker = new InetSocketAddress(config.url().getHost(), config.url().getPort());
        String path = config.url().getRawPath() == null || config.url().getRawPath().isEmpty()
                ? "/announce" : config.url().getRawPath();
        if (config.url().getRawQuery() != null) {
            path += "?" + config.url().getRawQuery();
        }
        HttpRequests requests = new HttpRequests(path, config.url().getHost() + ":" + config.url().getPort(),
                config.scenario().equals("http-keepalive"), torrents);
        Bootstrap base = new Bootstrap()
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.SO_LINGER, 0)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.classic().timeoutMillis());
        for (int i = 0; i < config.connections(); i++) {
            EventLoop loop = group.next();
            InetSocketAddress source = new InetSocketAddress("127.0.0." + (1 + i % config.sourceAddresses()), 0);
            slots.add(new HttpSlot(base, loop, tracker, source, config, requests, new ClassicPeer(config, i), stats));
        }
        for (HttpSlot slot : slots) {
            slot.start();
        }
    }

    void stop() {
        for (HttpSlot slot : slots) {
            slot.stop();
        }
    }
}
