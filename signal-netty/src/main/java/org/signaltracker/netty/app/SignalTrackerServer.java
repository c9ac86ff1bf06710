package org.signaltracker.netty.app;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.signaltracker.core.config.LiveConfig;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.signaling.SignalingDispatcher;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.session.CloseCode;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.Clock;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.http.HttpCounters;
import org.signaltracker.netty.http.HttpRoutes;
import org.signaltracker.netty.http.SignalingRoutes;
import org.signaltracker.netty.http.StaticFiles;
import org.signaltracker.netty.http.UpgradeAdmission;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.pipeline.TrackerChannelInitializer;
import org.signaltracker.netty.tls.ServerTls;
import org.signaltracker.netty.transport.Transport;
import org.signaltracker.netty.websocket.HeldBytesAdmission;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/**
 * The daemon: owns the event loops, the listening sockets (plain, TLS or both, by tls.mode), the tracker
 * core and its idle sweep, the signaling hub and its expiry sweep, the route table, and the graceful
 * shutdown (stop accepting, close every WebSocket with 1001, wait up to the grace period, exit).
 *
 * <p>{@link #start} and {@link #stop} are thread-safe; stop may come from a signal handler thread.
 */
public final class SignalTrackerServer {

    private static final Logger LOG = Logger.getLogger(SignalTrackerServer.class.getName());
    /** How often the signaling hub expires registrations and empty keyed rooms. */
    private static final long SIGNALING_SWEEP_SECONDS = 10;
    /**
     * One shared, fixed-size receive-buffer policy: Netty's default gives every channel its own adaptive
     * allocator and size predictor (about 100 bytes of heap per connection, for nothing an idle peer
     * needs). 16 KiB holds a 10-offer announce in one read; the buffer is pooled and lives only until the
     * frames in it are handled.
     */
    private static final FixedRecvByteBufAllocator RECEIVE_BUFFERS = new FixedRecvByteBufAllocator(16 * 1024);

    private final SignalTrackerConfig config;
    /** What a reload replaces; {@link #config} stays the one the daemon started with (ports, threads). */
    private final LiveConfig live;
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TrackerCore core;
    private final SignalingMetrics signalingMetrics = new SignalingMetrics();
    private final SignalingHub hub;
    private final Transport transport;
    private final ConnectionLimiter connectionLimiter;
    private final HttpCounters httpCounters = new HttpCounters();
    private final TlsMetrics tlsMetrics = new TlsMetrics();
    private final AcceptFailureLog acceptFailures = new AcceptFailureLog();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Clock clock;
    private MultiThreadIoEventLoopGroup eventLoops;
    private ScheduledExecutorService sweeper;
    private Channel listener;
    /** The wss:// and https:// listener, when tls.mode is not off; its certificate follows reloads. */
    private Channel tlsListener;
    private ServerTls tls;
    private LoopResourceTable loops;

    public SignalTrackerServer(SignalTrackerConfig config, Clock clock) {
        this.config = config;
        this.live = new LiveConfig(config);
        this.clock = clock;
        this.core = new TrackerCore(config.tracker(), config.limits(), clock, metrics);
        this.hub = SignalingHub.create(config.signaling(), clock);
        this.transport = Transport.select(config.server().transport());
        this.connectionLimiter = new ConnectionLimiter(maxConnectionsWithinFileLimit(config.limits().maxConnections()));
    }

    /** The configured cap, or what the open-file limit allows when that is less (said once in the log). */
    private static int maxConnectionsWithinFileLimit(int configured) {
        OpenFileLimit.Decision decision = OpenFileLimit.decide(configured, OpenFileLimit.current(),
                ConnectionLimiter.HEALTH_RESERVE);
        if (decision.warning() != null) {
            LOG.warning(decision.warning());
        }
        return decision.maxConnections();
    }

    /**
     * Every reason to refuse a WebSocket upgrade with 503, asked in order: the connection cap's health-check
     * reserve, then the held-bytes budget.
     */
    private UpgradeAdmission upgradeAdmission(HeldBytesBudget budget) {
        return UpgradeAdmission.all(List.of(connectionLimiter, new HeldBytesAdmission(budget, metrics)));
    }

    /**
     * Binds and starts serving; returns the bound address (useful with port 0): the plain listener's, or the
     * TLS listener's when it is the only one.
     *
     * @throws org.signaltracker.netty.tls.TlsFileException when TLS is on and its files cannot be used
     */
    public synchronized InetSocketAddress start() throws InterruptedException {
        WebSocketConfig ws = config.webSocket();
        // First, so that unusable certificate files stop the start before anything is bound or running.
        tls = config.tls().enabled() ? ServerTls.start(config.tls(), ws.handshakeTimeoutSeconds(), tlsMetrics) : null;
        TrackerConfig tracker = config.tracker();
        int threads = config.server().ioThreads() == 0
                ? Runtime.getRuntime().availableProcessors() : config.server().ioThreads();
        eventLoops = transport.newEventLoopGroup(threads, "signal-tracker-io");
        HeldBytesBudget budget = new HeldBytesBudget(HeldBytesBudget.resolveBytes(ws.maxHeldMegabytes(),
                Runtime.getRuntime().maxMemory(), PlatformDependent.maxDirectMemory()));
        loops = new LoopResourceTable(() -> new WebTorrentDispatcher(core, tracker, metrics, clock),
                () -> new SignalingDispatcher(hub, signalingMetrics, clock), config.signaling().reliableQueueBytes(),
                ws, budget);
        HttpRoutes routes = SignalingRoutes.addTo(HttpRoutes.tracker(), hub, loops)
                .staticFiles(StaticFiles.load(SignalTrackerServer.class.getClassLoader()));
        WebSocketUpgrade upgrade = new WebSocketUpgrade(ws, metrics, loops);
        UpgradeAdmission admission = upgradeAdmission(budget);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, config.server().soBacklog())
                // Netty's default for an epoll server channel can accept one connection per turn of the loop;
                // with the earlier, slower pipeline a turn under announce load took tens of milliseconds and
                // only ~650 of 1,000 new clients got in before their timeout. Accept up to 16 per turn.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new ServerChannelRecvByteBufAllocator()
                        .respectMaybeMoreData(false).maxMessagesPerRead(16))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(ws.writeBufferLowBytes(), ws.writeBufferHighBytes()))
                .childHandler(new TrackerChannelInitializer(ws, connectionLimiter, upgrade, admission, httpCounters,
                        routes));
        try {
            if (config.tls().plainListener()) {
                listener = bind(bootstrap, config.server().port());
            }
            if (tls != null) {
                // The same pipeline as the plain listener's, behind the TLS stages.
                tlsListener = bind(bootstrap.clone().childHandler(new TrackerChannelInitializer(ws, connectionLimiter,
                        upgrade, admission, httpCounters, routes, tls)), config.tls().port());
                live.subscribe(tls::reload);
            }
        } catch (InterruptedException | RuntimeException e) {
            if (listener != null) {
                listener.close();
            }
            eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        startSweeper(tracker);
        InetSocketAddress bound = (InetSocketAddress) (listener != null ? listener : tlsListener).localAddress();
        String where = listener == null ? "with TLS on " + tlsListener.localAddress()
                : bound + (tlsListener == null ? "" : " and with TLS on " + tlsListener.localAddress());
        LOG.info("listening on " + where + " (transport " + transport.name() + ": " + transport.reason()
                + "; " + threads + " event loops; allocator " + ByteBufAllocator.DEFAULT.getClass().getSimpleName()
                + "; " + bufferAccess() + "; held-bytes budget " + (budget.limitBytes() >> 20) + " MiB)");
        if (tls != null) {
            LOG.info("TLS on " + tlsListener.localAddress() + ": " + tls.describe());
        }
        return bound;
    }

    private Channel bind(ServerBootstrap bootstrap, int port) throws InterruptedException {
        Channel bound = bootstrap.bind(config.server().bindAddress(), port).sync().channel();
        // Last, after Netty's acceptor (in place once bound), which pauses accepting after a failure.
        bound.pipeline().addLast("accept-failures", acceptFailures);
        return bound;
    }

    /** Whether Netty's fast Unsafe buffer paths are on: off, every pooled buffer costs a JDK view object. */
    private static String bufferAccess() {
        return PlatformDependent.hasUnsafe() ? "unsafe buffer access"
                : "no unsafe buffer access: " + PlatformDependent.getUnsafeUnavailabilityCause().getMessage();
    }

    /** Runs one sweep step per stripe so that every stripe is visited once per sweep interval. */
    private void startSweeper(TrackerConfig tracker) {
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "signal-tracker-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long periodMicros = Math.max(1000L, tracker.sweepIntervalSeconds() * 1_000_000L / core.stripeCount());
        sweeper.scheduleAtFixedRate(core::sweepNextStripe, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        sweeper.scheduleAtFixedRate(this::sweepSignaling, SIGNALING_SWEEP_SECONDS, SIGNALING_SWEEP_SECONDS,
                TimeUnit.SECONDS);
    }

    /** A failing pass is logged and the next one runs: an exception would otherwise cancel the timer for good. */
    private void sweepSignaling() {
        try {
            hub.sweep();
        } catch (RuntimeException e) {
            LOG.warning("signaling sweep failed (the next one runs as planned): " + e);
        }
    }

    /** Stops accepting, closes WebSockets with 1001, waits up to the grace period, then releases everything. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            if (listener != null) {
                listener.close().syncUninterruptibly();
            }
            if (tlsListener != null) {
                tlsListener.close().syncUninterruptibly();
            }
            if (loops != null) {
                loops.closeAll(CloseCode.GOING_AWAY.code(), "server going away");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.server().shutdownGraceSeconds());
                while (loops.openWebSockets() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            if (eventLoops != null) {
                eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            stopped.countDown();
        }
    }

    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The configuration a reload replaces; live parts of the daemon read or subscribe to it. */
    public LiveConfig live() {
        return live;
    }

    public Transport transport() {
        return transport;
    }

    public TrackerCore core() {
        return core;
    }

    public TrackerMetrics metrics() {
        return metrics;
    }

    public SignalingHub hub() {
        return hub;
    }

    public SignalingMetrics signalingMetrics() {
        return signalingMetrics;
    }

    public ConnectionLimiter connectionLimiter() {
        return connectionLimiter;
    }

    /** The bytes clients make the daemon hold, against its budget. */
    public HeldBytesBudget heldBytes() {
        return loops.budget();
    }

    public HttpCounters httpCounters() {
        return httpCounters;
    }

    /** TLS handshakes by outcome (all zero when tls.mode = off). */
    public TlsMetrics tlsMetrics() {
        return tlsMetrics;
    }

    /** The TLS listener's bound address, or null when tls.mode = off. */
    public InetSocketAddress tlsAddress() {
        return tlsListener == null ? null : (InetSocketAddress) tlsListener.localAddress();
    }

    /** The TLS listener's engine and certificate, or null when tls.mode = off. */
    public ServerTls tls() {
        return tls;
    }

    /** Open WebSocket connections (upgraded and not yet closed). */
    public int openWebSockets() {
        return loops == null ? 0 : loops.openWebSockets();
    }
}
