package org.signaltracker.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The udp scenario's sockets: {@code udpSockets} datagram channels, socket {@code i} bound to
 * 127.0.0.(1 + i mod sourceAddresses) on a port of its own and connected to the tracker, with the
 * {@code connections} simulated clients dealt out over them. On epoll, reads take up to
 * {@link #DATAGRAMS_PER_READ} datagrams per recvmmsg; writes queued between two flushes leave in one
 * sendmmsg.
 */
final class UdpLoad {

    /** Largest reply read: an announce reply with 200 IPv4 peers is 1,220 bytes; IPv6 at its cap 1,208. */
    static final int MAX_DATAGRAM = 1_500;
    static final int DATAGRAMS_PER_READ = 64;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private final List<Channel> channels = new ArrayList<>();
    private final List<UdpSocket> sockets = new ArrayList<>();

    /** Opens the sockets (bounded by {@code deadlineNanos}) and starts their load. */
    void start(LoadConfig config, EventLoopGroup group, ClassicTorrents torrents, ClassicStats stats,
            long deadlineNanos) throws InterruptedException {
        InetSocketAddress tracker = new InetSocketAddress(config.url().getHost(), config.url().getPort());
        int socketCount = Math.min(config.classic().udpSockets(), config.connections());
        boolean epoll = Epoll.isAvailable();
        for (int s = 0; s < socketCount; s++) {
            List<ClassicPeer> peers = new ArrayList<>();
            for (int i = s; i < config.connections(); i += socketCount) {
                peers.add(new ClassicPeer(config, i));
            }
            UdpSocket socket = new UdpSocket(peers.toArray(new ClassicPeer[0]), config, torrents.hashes(), stats);
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .handler(socket);
            if (epoll) {
                bootstrap.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                        .option(ChannelOption.RCVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(MAX_DATAGRAM * DATAGRAMS_PER_READ)
                                        .maxMessagesPerRead(DATAGRAMS_PER_READ * 4));
            } else {
                bootstrap.channel(NioDatagramChannel.class)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
            }
            String source = "127.0.0." + (1 + s % config.sourceAddresses());
            ChannelFuture connected = bootstrap.connect(tracker, new InetSocketAddress(source, 0));
            long wait = deadlineNanos - System.nanoTime();
            if (!connected.await(Math.max(0, wait), TimeUnit.NANOSECONDS) || !connected.isSuccess()) {
                throw new IllegalStateException("udp: could not open a socket from " + source + " to " + tracker
                        + (connected.cause() != null ? ": " + connected.cause() : ""));
            }
            channels.add(connected.channel());
            sockets.add(socket);
        }
    }

    int sockets() {
        return channels.size();
    }

    void stop() {
        for (UdpSocket socket : sockets) {
            socket.stop();
        }
        for (Channel channel : channels) {
            channel.close();
        }
    }
}
