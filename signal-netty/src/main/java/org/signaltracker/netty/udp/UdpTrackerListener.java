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
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.metrics.UdpMetrics;
import org.signaltracker.core.protocol.udp.UdpTrackerDispatcher;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.transport.Transport;

/**
 * The UDP tracker's sockets: for each bind address ({@link UdpBindAddresses}), one datagram channel per
 * event loop with SO_REUSEPORT on epoll, so every loop reads its share of the datagrams (the kernel
 * spreads them by source), each channel with its own handler and dispatcher. On epoll a read takes up to
 * {@value #DATAGRAMS_PER_RECVMMSG} datagrams per recvmmsg call and up to {@value #MAX_DATAGRAMS_PER_READ}
 * per wake-up, and the replies of one wake-up leave in one flush (sendmmsg). NIO, the fallback, gets one
 * channel per address and reads one datagram per call.
 *
 * <p>With a wildcard bind address the set of addresses follows the interfaces: every
 * {@link #ADDRESS_RESCAN_PERIOD} an {@link InterfaceAddressRescan} reads them again and {@link #follow}
 * binds the new ones and closes the gone ones, one log line per change. A new address that cannot be bound
 * is logged (at most every {@link #BIND_FAILURE_LOG_INTERVAL_MILLIS} ms per address) and tried again at
 * every pass; nothing there stops the tracker.
 *
 * <p>Thread-safe. The sockets are bound by the server's start thread, then added and closed by the rescan
 * thread and closed by the stop thread, under this object's lock, which is held while waiting for a loop
 * to bind: no event loop may take it. {@link #reconfigure} (the reloading thread) and the address getters
 * never wait for it: they read {@link #sockets}, a snapshot published after every change.
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
    /**
     * How often a wildcard bind reads the interface addresses again: a new lease is served within this,
     * and a pass costs a few milliseconds of one thread that is not an event loop.
     */
    public static final Duration ADDRESS_RESCAN_PERIOD = Duration.ofSeconds(10);
    /** An address that keeps failing to bind (retried every pass) is logged this rarely after its first line. */
    static final long BIND_FAILURE_LOG_INTERVAL_MILLIS = 10 * 60 * 1000;

    private final Transport transport;
    private final List<EventLoop> loops;
    private final int receiveBufferBytes;
    private final Supplier<UdpTrackerDispatcher> dispatchers;
    private final AccessControl access;
    private final UdpMetrics metrics;
    /** The port every address is bound on; 0 until the first bind when configured as 0 (tests). */
    private int port;
    /** The bound addresses in bind order, by {@link AddressChanges#key}; guarded by this. */
    private final Map<String, AddressSockets> bound = new LinkedHashMap<>();
    /** {@link #bound}'s values as last published, for the readers that do not take the lock. */
    private volatile List<AddressSockets> sockets = List.of();
    /** The last {@link #reconfigure}'s settings, or null before the first. */
    private volatile ClassicConfig reloaded;
    /** One log per address that failed to bind, dropped once it binds or leaves the interfaces; guarded by this. */
    private final Map<String, ThrottledLog> bindFailures = new HashMap<>();
    /** Guarded by this. */
    private boolean closed;
    /** Null when the bind address is not a wildcard; set once, before another thread sees this listener. */
    private InterfaceAddressRescan rescan;

    /** The sockets of one address: a channel per loop, each with its handler at the same index. */
    private record AddressSockets(InetAddress address, List<Channel> channels, List<UdpTrackerHandler> handlers) {
    }

    private UdpTrackerListener(Transport transport, List<EventLoop> loops, int port, int receiveBufferBytes,
            Supplier<UdpTrackerDispatcher> dispatchers, AccessControl access, UdpMetrics metrics) {
        this.transport = transport;
        this.loops = loops;
        this.port = port;
        this.receiveBufferBytes = receiveBufferBytes;
        this.dispatchers = dispatchers;
        this.access = access;
        this.metrics = metrics;
    }

    /**
     * Binds every socket, and with a wildcard bind address starts following the interface addresses. An
     * address that cannot be bound when several are tried is skipped with a warning (and tried again at
     * the next pass); none bound is an error.
     *
     * @param port        the port of every address; 0 takes an ephemeral one at the first bind and keeps it
     * @param dispatchers makes one dispatcher per channel, called on this thread and then on the rescan
     *                    thread: it must give a dispatcher with the current settings
     * @throws IllegalStateException when no address could be bound, naming the first cause
     */
    public static UdpTrackerListener bind(Transport transport, EventLoopGroup loops, String bindAddress, int port,
            int receiveBufferBytes, Supplier<UdpTrackerDispatcher> dispatchers, AccessControl access,
            UdpMetrics metrics) throws InterruptedException {
        return bind(transport, loops, bindAddress, port, receiveBufferBytes, dispatchers, access, metrics,
                ADDRESS_RESCAN_PERIOD);
    }

    /** As above, with the period of the interface rescans (tests shorten it). */
    static UdpTrackerListener bind(Transport transport, EventLoopGroup loops, String bindAddress, int port,
            int receiveBufferBytes, Supplier<UdpTrackerDispatcher> dispatchers, AccessControl access,
            UdpMetrics metrics, Duration rescanPeriod) throws InterruptedException {
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
        UdpTrackerListener listener = new UdpTrackerListener(transport, List.copyOf(targets), port,
                receiveBufferBytes, dispatchers, access, metrics);
        Exception firstFailure = null;
        for (InetAddress address : addresses) {
            try {
                listener.add(address);
            } catch (InterruptedException e) {
                listener.close();
                throw e;
            } catch (Exception e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
                if (addresses.size() > 1) {
                    listener.reportBindFailure(address, e);
                }
            }
        }
        if (listener.sockets.isEmpty()) {
            throw new IllegalStateException("UDP tracker: cannot bind " + bindAddress + " port " + port + ": "
                    + (firstFailure == null ? "no local address is up" : firstFailure.toString()), firstFailure);
        }
        boolean following = UdpBindAddresses.followsInterfaces(bindAddress);
        LOG.info("UDP tracker on " + listener.describe() + " (" + targets.size() + " socket"
                + (targets.size() == 1 ? "" : "s") + " per address, " + (transport.isNative()
                        ? "SO_REUSEPORT, recvmmsg/sendmmsg" : "one datagram per read")
                + (following ? "; interface addresses read again every " + (rescanPeriod.toMillis() % 1000 == 0
                        ? rescanPeriod.toSeconds() + " s" : rescanPeriod.toMillis() + " ms") : "")
                + ")");
        if (following) {
            listener.rescan = InterfaceAddressRescan.start(bindAddress, listener::follow, rescanPeriod);
        }
        return listener;
    }

    /**
     * Binds the addresses in {@code present} not bound yet and closes the sockets of those no longer in it,
     * closing first (an address that moved to another interface is closed, then bound again). Called by the
     * rescan thread; does nothing once closed.
     */
    synchronized void follow(List<InetAddress> present) {
        if (closed) {
            return;
        }
        List<InetAddress> current = new ArrayList<>();
        for (AddressSockets address : bound.values()) {
            current.add(address.address());
        }
        AddressChanges changes = AddressChanges.between(current, present);
        for (InetAddress gone : changes.removed()) {
            AddressSockets closing = bound.remove(AddressChanges.key(gone));
            closeAll(closing.channels());
            // Published once closed: an address missing from localAddresses() answers no more datagrams.
            sockets = List.copyOf(bound.values());
            LOG.info("UDP tracker: no longer on " + where(gone));
        }
        for (InetAddress address : changes.added()) {
            try {
                add(address);
                LOG.info("UDP tracker: now also on " + where(address));
            } catch (InterruptedException e) {
                // Only stop() interrupts this thread, after close(): nothing more to bind.
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                reportBindFailure(address, e);
            }
        }
        List<String> presentKeys = new ArrayList<>();
        for (InetAddress address : present) {
            presentKeys.add(AddressChanges.key(address));
        }
        bindFailures.keySet().retainAll(presentKeys);
    }

    /**
     * Binds one socket per loop on {@code address}, all or none. A reload that ran while the dispatchers
     * were made may have missed them (they are published after it read {@link #sockets}): they are given
     * the last reload's settings again, on their loops, after being published, so that whichever of the two
     * comes second leaves the newest settings in place.
     */
    private synchronized void add(InetAddress address) throws Exception {
        List<Channel> channels = new ArrayList<>();
        List<UdpTrackerHandler> handlers = new ArrayList<>();
        try {
            for (EventLoop loop : loops) {
                UdpTrackerHandler handler = new UdpTrackerHandler(dispatchers.get(), access, metrics);
                Channel channel = bootstrap(transport, loop, receiveBufferBytes, handler)
                        .bind(new InetSocketAddress(address, port)).sync().channel();
                channels.add(channel);
                handlers.add(handler);
                if (port == 0) {
                    port = ((InetSocketAddress) channel.localAddress()).getPort();
                }
            }
        } catch (Exception e) {
            closeAll(channels);
            throw e;
        }
        AddressSockets added = new AddressSockets(address, List.copyOf(channels), List.copyOf(handlers));
        bound.put(AddressChanges.key(address), added);
        sockets = List.copyOf(bound.values());
        bindFailures.remove(AddressChanges.key(address));
        ClassicConfig latest = reloaded;
        if (latest != null) {
            reconfigure(added, latest);
        }
    }

    private void reportBindFailure(InetAddress address, Exception cause) {
        bindFailures.computeIfAbsent(AddressChanges.key(address), key -> new ThrottledLog(LOG, Level.WARNING,
                BIND_FAILURE_LOG_INTERVAL_MILLIS, SystemClock.INSTANCE))
                .report(() -> "UDP tracker: not listening on " + where(address) + " (tried again at every pass over "
                        + "the interface addresses): " + cause);
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
     * scrape cap); datagrams already being handled finish with the old values. Sockets bound later get
     * them too ({@link #add}). Never waits.
     */
    public void reconfigure(ClassicConfig classic) {
        reloaded = classic;
        for (AddressSockets address : sockets) {
            reconfigure(address, classic);
        }
    }

    private static void reconfigure(AddressSockets address, ClassicConfig classic) {
        for (int i = 0; i < address.channels().size(); i++) {
            UdpTrackerDispatcher dispatcher = address.handlers().get(i).dispatcher();
            address.channels().get(i).eventLoop().execute(() -> dispatcher.reconfigure(classic));
        }
    }

    /**
     * The first bound address (the only one unless the bind address is a wildcard), or null when none is
     * bound (every interface address gone, or closed).
     */
    public InetSocketAddress localAddress() {
        List<AddressSockets> current = sockets;
        return current.isEmpty() ? null : (InetSocketAddress) current.get(0).channels().get(0).localAddress();
    }

    /** Every bound socket's address, once per address (not once per loop). */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (AddressSockets address : sockets) {
            addresses.add((InetSocketAddress) address.channels().get(0).localAddress());
        }
        return addresses;
    }

    /** Stops following the interfaces, closes every socket (those bound later too) and waits for it; idempotent. */
    public void close() {
        List<Channel> open = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (AddressSockets address : bound.values()) {
                open.addAll(address.channels());
            }
            bound.clear();
            sockets = List.of();
        }
        if (rescan != null) {
            rescan.stop();
        }
        closeAll(open);
    }

    /** Passes over the interface addresses finished so far; 0 when the bind address is not a wildcard. */
    long rescanPasses() {
        return rescan == null ? 0 : rescan.passes();
    }

    private String describe() {
        List<InetSocketAddress> addresses = localAddresses();
        return addresses.size() <= 4 ? addresses.toString()
                : addresses.size() + " addresses, port " + addresses.get(0).getPort();
    }

    /** {@code 10.0.0.5:8000}, {@code [fd00:0:0:0:0:0:0:5%eth0]:8000}: the address as read, with the port. */
    private String where(InetAddress address) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    private static void closeAll(List<Channel> channels) {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
    }
}
