package org.signaltracker.netty.app;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Tells systemd how the daemon is doing (sd_notify): {@code READY=1} once every listener is bound,
 * {@code RELOADING=1} and {@code READY=1} around a reload, {@code STOPPING=1} when the stop begins, as
 * datagrams to the unix socket named by {@code NOTIFY_SOCKET} (a path, or {@code @name} in the abstract
 * namespace). Without {@code NOTIFY_SOCKET} (not under systemd, or not {@code Type=notify}) it does nothing.
 *
 * <p>Why Netty's epoll {@link EpollDomainDatagramChannel}: the JDK has Unix-domain stream channels only,
 * no datagrams. Netty's native transport is already a dependency and already loaded for the event loops,
 * and its domain datagram channel passes the address length of the name, so an abstract name (a leading
 * NUL) reaches systemd intact. Running {@code systemd-notify} instead would not work with
 * {@code NotifyAccess=main}: its messages come from another process, which systemd ignores. Where the epoll
 * library cannot load, each message is logged as not sent, with the cause, so a {@code Type=notify} start
 * that times out explains itself.
 *
 * <p>One datagram per message, sent unconnected (as sd_notify does) so a systemd that re-executed and
 * re-created the socket still gets the next one. It has its own single thread, so {@code STOPPING=1}
 * leaves while the server's event loops shut down. Thread-safe: the main thread, the reload thread and the
 * shutdown hook may notify; each call waits at most {@link #SEND_TIMEOUT_MILLIS} for its datagram to leave.
 */
public final class SystemdNotifier implements AutoCloseable {

    static final long SEND_TIMEOUT_MILLIS = 2000;
    private static final Logger LOG = Logger.getLogger(SystemdNotifier.class.getName());

    private final String socketName;
    private final DomainSocketAddress address;
    private MultiThreadIoEventLoopGroup group;
    private Channel channel;
    private String unavailable;

    /** @param notifySocket the value of {@code NOTIFY_SOCKET}; null or empty turns notifications off */
    public SystemdNotifier(String notifySocket) {
        this.socketName = notifySocket == null || notifySocket.isEmpty() ? null : notifySocket;
        // "@name" is the abstract namespace, spelled with a leading NUL in the socket address.
        this.address = socketName == null ? null
                : new DomainSocketAddress(socketName.startsWith("@") ? "\0" + socketName.substring(1) : socketName);
    }

    /** The notifier for this process: {@code NOTIFY_SOCKET} as systemd set it. */
    public static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"));
    }

    public boolean enabled() {
        return socketName != null;
    }

    /** Every listener is bound: the service is up. */
    public boolean ready() {
        return send("READY=1\nSTATUS=serving");
    }

    /**
     * A reload begins. MONOTONIC_USEC is CLOCK_MONOTONIC now (what System.nanoTime reads on Linux), which
     * systemd 253 and later want with RELOADING=1 for Type=notify-reload; older ones ignore it.
     */
    public boolean reloading() {
        return send("RELOADING=1\nSTATUS=reloading the configuration\nMONOTONIC_USEC="
                + TimeUnit.NANOSECONDS.toMicros(System.nanoTime()));
    }

    public boolean stopping() {
        return send("STOPPING=1\nSTATUS=stopping");
    }

    /**
     * Sends {@code state} (newline-separated assignments); true when the datagram left. A failure is logged
     * and returned, never thrown: the daemon keeps serving whatever systemd makes of it.
     */
    public synchronized boolean send(String state) {
        if (socketName == null) {
            return false;
        }
        try {
            Channel ch = channel();
            if (ch == null) {
                LOG.warning("cannot notify systemd at " + socketName + " (" + unavailable + "): " + firstLine(state)
                        + " not sent");
                return false;
            }
            ChannelFuture sent = ch.writeAndFlush(new DomainDatagramPacket(
                    Unpooled.copiedBuffer(state, StandardCharsets.UTF_8), address));
            if (!sent.await(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warning("notifying systemd at " + socketName + " timed out: " + firstLine(state));
                return false;
            }
            if (!sent.isSuccess()) {
                LOG.warning("cannot notify systemd at " + socketName + ": " + firstLine(state) + " not sent ("
                        + sent.cause() + ")");
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The datagram channel, opened on first use; null (with {@link #unavailable} set) when it cannot be. */
    private Channel channel() throws InterruptedException {
        if (channel != null || unavailable != null) {
            return channel;
        }
        if (!Epoll.isAvailable()) {
            unavailable = "no unix datagram socket without Netty's native epoll: " + Epoll.unavailabilityCause();
            return null;
        }
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("signal-tracker-notify", true),
                EpollIoHandler.newFactory());
        ChannelFuture registered = new Bootstrap()
                .group(group)
                .channel(EpollDomainDatagramChannel.class)
                // Unbound and unconnected, the channel must count as active to send datagrams.
                .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                .handler(new ChannelInboundHandlerAdapter())
                .register();
        if (!registered.await(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || !registered.isSuccess()) {
            unavailable = "cannot open a unix datagram socket: " + registered.cause();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group = null;
            return null;
        }
        channel = registered.channel();
        return channel;
    }

    private static String firstLine(String state) {
        int newline = state.indexOf('\n');
        return newline < 0 ? state : state.substring(0, newline);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(SEND_TIMEOUT_MILLIS);
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group = null;
        }
    }
}
