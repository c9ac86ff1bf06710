package org.signaltracker.netty.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * The network transport the server runs on: native epoll on Linux when its library loads, NIO otherwise;
 * io_uring only when configured (an experiment: accept, reads, writes and closes go through the ring).
 * The choice is made once at start and logged with the reason, so a silent fallback to NIO is visible.
 * Immutable.
 */
public final class Transport {

    private final String name;
    private final String reason;
    private final IoHandlerFactory ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final Class<? extends DatagramChannel> datagramChannelClass;

    private Transport(String name, String reason, IoHandlerFactory factory, Class<? extends ServerChannel> channel,
            Class<? extends DatagramChannel> datagramChannel) {
        this.name = name;
        this.reason = reason;
        this.ioHandlerFactory = factory;
        this.serverChannelClass = channel;
        this.datagramChannelClass = datagramChannel;
    }

    /**
     * Picks the transport for {@code server.transport}: {@code auto}, {@code epoll}, {@code io_uring} or
     * {@code nio}.
     *
     * @throws IllegalStateException when epoll or io_uring is demanded but unavailable, naming the cause
     */
    public static Transport select(String mode) {
        boolean epoll = Epoll.isAvailable();
        switch (mode) {
            case "nio":
                return nio("configured");
            case "io_uring":
                if (!IoUring.isAvailable()) {
                    throw new IllegalStateException("server.transport = io_uring, but io_uring is unavailable: "
                            + IoUring.unavailabilityCause());
                }
                return new Transport("io_uring", "configured", IoUringIoHandler.newFactory(),
                        IoUringServerSocketChannel.class, IoUringDatagramChannel.class);
            case "epoll":
                if (!epoll) {
                    throw new IllegalStateException("server.transport = epoll, but native epoll is unavailable: "
                            + Epoll.unavailabilityCause());
                }
                return epoll("configured");
            default:
                return epoll ? epoll("available") : nio("epoll unavailable: " + Epoll.unavailabilityCause());
        }
    }

    private static Transport epoll(String reason) {
        return new Transport("epoll", reason, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                EpollDatagramChannel.class);
    }

    private static Transport nio(String reason) {
        return new Transport("nio", reason, NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioDatagramChannel.class);
    }

    public MultiThreadIoEventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        return new MultiThreadIoEventLoopGroup(threads,
                new io.netty.util.concurrent.DefaultThreadFactory(threadNamePrefix), ioHandlerFactory);
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    public Class<? extends DatagramChannel> datagramChannelClass() {
        return datagramChannelClass;
    }

    /**
     * Whether datagram sockets get the native epoll options: SO_REUSEPORT (one socket per event loop, the kernel
     * spreading datagrams over them) and batched reads (recvmmsg) and writes (sendmmsg).
     */
    public boolean isNative() {
        return datagramChannelClass == EpollDatagramChannel.class;
    }

    /** Whether this is the io_uring transport: SO_REUSEPORT datagram sockets, one datagram per read. */
    public boolean isIoUring() {
        return datagramChannelClass == IoUringDatagramChannel.class;
    }

    public String name() {
        return name;
    }

    public String reason() {
        return reason;
    }
}
