package org.signaltracker.netty.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.metrics.UdpMetrics;
import org.signaltracker.core.protocol.udp.UdpTrackerDispatcher;
import org.signaltracker.netty.transport.Transport;

/**
 * The UDP tracker's sockets: for each bind address ({@link UdpBindAddresses}), one datagram channel per
 * event loop with SO_REUSEPORT on epoll, so every loop reads its share of the datagrams (the kernel
 * spreads them by source), each channel with its own handler and dispatcher. On epoll a read takes up to
 * {@value #DATAGRAMS_PER_RECVMMSG} datagrams per recvmmsg call and up to {@value #MAX_DATAGRAMS_PER_READ}
 * per wake-up, and the replies of one wake-up leave in one flush (sendmmsg). NIO, the fallback, gets one
 * channel per address and reads one datagram per call.
 *
 * <p>Bound and closed by the server's start and stop threads; {@link #reconfigure} may come from the
 * reloading thread and hands the new settings to each channel's loop.
 */
public final class UdpTrackerListener {

    private static final Logger LOG = Logger.getLogger(UdpTrackerListener.class.getName());
    /**
     * Room for one datagram. Every request the tracker answers fits (the longest, a scrape of 74 hashes,
     * is 1496 bytes); a longer datagram is cut here, which changes nothing: a scrape that long is over the
     * cap anyway, and an announce's tail holds only BEP 41 options, which are ignored.
     */
    static final int MAX_DATAGRAM_BYTES = 2048;
    /** Datagrams one recvmmsg may return: a 32 KiB buffer, small enough for the pooled allocator's caches. */
    static final int DATAGRAMS_PER_RECVMMSG = 16;
    /** Datagrams read per wake-up before the loop flushes the replies and serves its other channels. */
    static final int MAX_DATAGRAMS_PER_READ = 64;
    /** Replies queued on a socket (bytes) beyond which new replies are dropped instead of queued. */
    private static final WriteBufferWaterMark SEND_QUEUE = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final List<Channel> channels;
    private final List<UdpTrackerHandler> handlers;

    private UdpTrackerListener(List<Channel> channels, List<UdpTrackerHandler> handlers) {
        this.channels = channels;
        this.handlers = handlers;
    }

    /**
     * Binds every socket. An address that cannot be bound when several are tried is skipped with a
     * warning; none bound is an error.
     *
     * @param dispatchers makes one dispatcher per channel, called on this thread
     * @throws IllegalStateException when no address could be bound, naming the first cause
     */
    public static UdpTrackerListener bind(Transport transport, EventLoopGroup loops, String bindAddress, int port,
            int receiveBufferBytes, Supplier<UdpTrackerDispatcher> dispatchers, AccessControl access,
            UdpMetrics metrics) throws InterruptedException {
        List<InetAddress> addresses;
        try {
            addresses = UdpBindAddresses.resolve(bindAddress);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("UDP tracker: cannot list the local addresses for " + bindAddress + ": "
                    + e.getMessage(), e);
        }
        List<EventLoop> targets = new ArrayList<>();
        for (EventExecutor executor : loops) {
            targets.add((EventLoop) executor);
            if (!transport.isNative()) {
                break;
            }
        }
        List<Channel> channels = new ArrayList<>();
        List<UdpTrackerHandler> handlers = new ArrayList<>();
        Exception firstFailure = null;
        for (InetAddress address : addresses) {
            List<Channel> forAddress = new ArrayList<>();
            try {
                for (EventLoop loop : targets) {
                    UdpTrackerHandler handler = new UdpTrackerHandler(dispatchers.get(), access, metrics);
                    Channel channel = bootstrap(transport, loop, receiveBufferBytes, handler)
                            .bind(new InetSocketAddress(address, port)).sync().channel();
                    forAddress.add(channel);
                    handlers.add(handler);
                }
                channels.addAll(forAddress);
            } catch (InterruptedException e) {
                closeAll(forAddress);
                closeAll(channels);
                throw e;
            } catch (Exception e) {
                closeAll(forAddress);
                handlers.subList(channels.size(), handlers.size()).clear();
                if (firstFailure == null) {
                    firstFailure = e;
                }
                if (addresses.size() > 1) {
                    LOG.warning("UDP tracker: not listening on " + address.getHostAddress() + " port " + port + ": "
                            + e);
                }
            }
        }
        if (channels.isEmpty()) {
            throw new IllegalStateException("UDP tracker: cannot bind " + bindAddress + " port " + port + ": "
                    + (firstFailure == null ? "no local address is up" : firstFailure.toString()), firstFailure);
        }
        UdpTrackerListener listener = new UdpTrackerListener(List.copyOf(channels), List.copyOf(handlers));
        LOG.info("UDP tracker on " + listener.describe() + " (" + targets.size() + " socket"
                + (targets.size() == 1 ? "" : "s") + " per address, " + (transport.isNative()
                        ? "SO_REUSEPORT, recvmmsg/sendmmsg" : "one datagram per read") + ")");
        return listener;
    }

    private static Bootstrap bootstrap(Transport transport, EventLoop loop, int receiveBufferBytes,
            UdpTrackerHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.datagramChannelClass())
                .option(ChannelOption.SO_RCVBUF, receiveBufferBytes)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, SEND_QUEUE)
                .handler(handler);
        if (transport.isNative()) {
            // recvmmsg: the buffer is cut into slots of MAX_DATAGRAM_BYTES, one datagram each.
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_BYTES)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                            MAX_DATAGRAM_BYTES * DATAGRAMS_PER_RECVMMSG).maxMessagesPerRead(MAX_DATAGRAMS_PER_READ));
        } else {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES).maxMessagesPerRead(MAX_DATAGRAMS_PER_READ));
        }
        return bootstrap;
    }

    /**
     * A reload's {@code classic} section reaches every dispatcher on its own loop (interval, numwant,
     * scrape cap); datagrams already being handled finish with the old values.
     */
    public void reconfigure(ClassicConfig classic) {
        for (int i = 0; i < channels.size(); i++) {
            UdpTrackerDispatcher dispatcher = handlers.get(i).dispatcher();
            channels.get(i).eventLoop().execute(() -> dispatcher.reconfigure(classic));
        }
    }

    /** The first bound address (the only one unless the bind address is a wildcard). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channels.get(0).localAddress();
    }

    /** Every bound socket's address, once per address (not once per loop). */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (Channel channel : channels) {
            InetSocketAddress address = (InetSocketAddress) channel.localAddress();
            if (!bound.contains(address)) {
                bound.add(address);
            }
        }
        return bound;
    }

    /** Closes every socket and waits for it; idempotent. */
    public void close() {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
    }

    private String describe() {
        List<InetSocketAddress> bound = localAddresses();
        return bound.size() <= 4 ? bound.toString() : bound.size() + " addresses, port " + bound.get(0).getPort();
    }

    private static void closeAll(List<Channel> channels) {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
    }
}
