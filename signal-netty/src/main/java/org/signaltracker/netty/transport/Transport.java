package org.signaltracker.netty.transport;

import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The network transport the server runs on: native epoll on Linux when its library loads, NIO otherwise;
 * io_uring when configured (accepts, receives, sends and closes of TCP connections go through a
 * submission ring, many per system call). The choice is made once at start and logged with the reason, so
 * a silent fallback to NIO is visible. Immutable.
 *
 * <p>Datagrams never go through io_uring: Netty's io_uring datagram channel answered about half as many
 * UDP tracker requests per CPU-second as the epoll one, which reads and writes up to 16 datagrams per
 * system call (recvmmsg/sendmmsg; signal-bench/RESULTS.md, section 18). So with io_uring the UDP tracker
 * runs on epoll event loops of its own ({@link #datagrams()}).
 */
public final class Transport {

    /**
     * Submission queue entries per io_uring event loop. Netty submits whenever the queue is full, so this only
     * bounds how many operations one system call carries; 512 covers a busy turn of the loop.
     */
    static final int IO_URING_SUBMISSION_ENTRIES = 512;
    /**
     * Completion queue entries per io_uring event loop (16 bytes each, so 1 MiB). A turn that relays one
     * message to many WebSockets completes a send per socket before the loop reaps; the kernel keeps what
     * does not fit (nothing is lost) and {@link CompletionOverflowLog} says so, but each overflow costs an
     * allocation in the kernel, so the queue is sized well above what a turn produces. 65,536 is the kernel's
     * maximum.
     */
    static final int IO_URING_COMPLETION_ENTRIES = 65_536;

    private final String name;
    private final String reason;
    private final IoHandlerFactory ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final Class<? extends DatagramChannel> datagramChannelClass;
    private final ChannelOption<Integer> deferAcceptOption;
    /** Where datagrams go when not through this transport (io_uring); {@code null}: here. */
    private final Transport datagrams;

    private Transport(String name, String reason, IoHandlerFactory factory, Class<? extends ServerChannel> channel,
            Class<? extends DatagramChannel> datagramChannel, ChannelOption<Integer> deferAcceptOption,
            Transport datagrams) {
        this.name = name;
        this.reason = reason;
        this.ioHandlerFactory = factory;
        this.serverChannelClass = channel;
        this.datagramChannelClass = datagramChannel;
        this.deferAcceptOption = deferAcceptOption;
        this.datagrams = datagrams;
    }

    /**
     * Picks the transport for {@code server.transport}: {@code auto}, {@code epoll}, {@code io_uring} or
     * {@code nio}.
     *
     * @throws TransportUnavailableException when epoll or io_uring is demanded but unavailable, naming the cause
     */
    public static Transport select(String mode) {
        boolean epoll = Epoll.isAvailable();
        switch (mode) {
            case "nio":
                return nio("configured");
            case "io_uring":
                if (!IoUring.isAvailable()) {
                    throw new TransportUnavailableException("server.transport = io_uring, but io_uring is unavailable: "
                            + IoUring.unavailabilityCause());
                }
                return ioUring("configured");
            case "epoll":
                if (!epoll) {
                    throw new TransportUnavailableException("server.transport = epoll, but native epoll is unavailable: "
                            + Epoll.unavailabilityCause());
                }
                return epoll("configured");
            default:
                return epoll ? epoll("available") : nio("epoll unavailable: " + Epoll.unavailabilityCause());
        }
    }

    private static Transport epoll(String reason) {
        return new Transport("epoll", reason, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                EpollDatagramChannel.class, EpollChannelOption.TCP_DEFER_ACCEPT, null);
    }

    private static Transport nio(String reason) {
        return new Transport("nio", reason, NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioDatagramChannel.class, null, null);
    }

    private static Transport ioUring(String reason) {
        CompletionOverflowLog.install();
        IoUringIoHandlerConfig rings = new IoUringIoHandlerConfig()
                .setRingSize(IO_URING_SUBMISSION_ENTRIES)
                .setCqSize(IO_URING_COMPLETION_ENTRIES);
        Transport datagrams = Epoll.isAvailable() ? epoll("datagrams beside io_uring")
                : nio("datagrams beside io_uring; epoll unavailable: " + Epoll.unavailabilityCause());
        return new Transport("io_uring", reason, IoUringIoHandler.newFactory(rings), IoUringServerSocketChannel.class,
                null, IoUringChannelOption.TCP_DEFER_ACCEPT, datagrams);
    }

    /**
     * The transport the UDP tracker's sockets run on: this one, except for io_uring, whose datagrams go to
     * epoll (NIO where epoll cannot load). When it is not this transport, its sockets need event loops of
     * their own, since a channel registers only with loops of its own transport.
     */
    public Transport datagrams() {
        return datagrams == null ? this : datagrams;
    }

    public MultiThreadIoEventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadNamePrefix), ioHandlerFactory);
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    /** The datagram channel of {@link #datagrams()}. */
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return datagrams().datagramChannelClass;
    }

    /**
     * The listening socket's {@code TCP_DEFER_ACCEPT} option, or {@code null} on NIO (the JDK's sockets have
     * none): the kernel hands over a connection only once its first bytes have arrived.
     */
    public ChannelOption<Integer> deferAcceptOption() {
        return deferAcceptOption;
    }

    /**
     * Whether datagram sockets get the native epoll options: SO_REUSEPORT (one socket per event loop, the kernel
     * spreading datagrams over them) and batched reads (recvmmsg) and writes (sendmmsg).
     */
    public boolean isNative() {
        return datagramChannelClass == EpollDatagramChannel.class;
    }

    public String name() {
        return name;
    }

    public String reason() {
        return reason;
    }
}
