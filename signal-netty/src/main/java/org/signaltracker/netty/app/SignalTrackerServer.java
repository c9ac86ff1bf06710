package org.signaltracker.netty.app;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.access.BannedRangesFile;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.LiveConfig;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.AccessMetrics;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.http.HttpTrackerDispatcher;
import org.signaltracker.core.protocol.signaling.SignalingDispatcher;
import org.signaltracker.core.protocol.udp.ConnectionIds;
import org.signaltracker.core.protocol.udp.UdpTrackerDispatcher;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.session.CloseCode;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.Clock;
import org.signaltracker.core.tracker.TorrentAdmission;
import org.signaltracker.core.tracker.TorrentHistory;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.admin.AdminListener;
import org.signaltracker.netty.admin.AdminRoutes;
import org.signaltracker.netty.admin.MainPortAdmin;
import org.signaltracker.netty.http.AccessAdmission;
import org.signaltracker.netty.http.HttpCounters;
import org.signaltracker.netty.http.HttpRoutes;
import org.signaltracker.netty.http.HttpTrackerRoute;
import org.signaltracker.netty.http.SignalingRoutes;
import org.signaltracker.netty.http.StaticFiles;
import org.signaltracker.netty.http.UpgradeAdmission;
import org.signaltracker.netty.metrics.MetricSources;
import org.signaltracker.netty.metrics.MetricsExport;
import org.signaltracker.netty.pipeline.BannedPeerFilter;
import org.signaltracker.netty.pipeline.ReadOnRegistration;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.pipeline.TrackerChannelInitializer;
import org.signaltracker.netty.tls.ServerTls;
import org.signaltracker.netty.transport.Transport;
import org.signaltracker.netty.udp.UdpTrackerListener;
import org.signaltracker.netty.websocket.HeldBytesAdmission;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/**
 * The daemon: owns the event loops, the listening sockets (plain, TLS or both, by tls.mode; each serves
 * WebSockets and, with classic.http on, the HTTP tracker), the tracker core and its idle sweep, the
 * signaling hub and its expiry sweep, the route table, and the graceful shutdown (stop accepting, close
 * every WebSocket with 1001, wait up to the grace period, exit).
 *
 * <p>{@link #start} and {@link #stop} are thread-safe; stop may come from a signal handler thread.
 */
public final class SignalTrackerServer {

    private static final Logger LOG = Logger.getLogger(SignalTrackerServer.class.getName());
    /** How often the signaling hub expires registrations and empty keyed rooms. */
    private static final long SIGNALING_SWEEP_SECONDS = 10;
    /** How often the access rules forget idle per-address entries and look for a changed ban file. */
    private static final long ACCESS_SWEEP_SECONDS = 10;
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
    private final AccessMetrics accessMetrics = new AccessMetrics();
    private AccessControl access;
    private final AcceptFailureLog acceptFailures = new AcceptFailureLog();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Clock clock;
    private MultiThreadIoEventLoopGroup eventLoops;
    /**
     * The UDP tracker's loops: {@link #eventLoops} itself, or loops of their own when the TCP transport sends
     * datagrams elsewhere ({@link Transport#datagrams()}: io_uring's go to epoll).
     */
    private MultiThreadIoEventLoopGroup datagramLoops;
    private ScheduledExecutorService sweeper;
    private Channel listener;
    /** The wss:// and https:// listener, when tls.mode is not off; its certificate follows reloads. */
    private Channel tlsListener;
    private ServerTls tls;
    /** The UDP tracker's sockets, when classic.udp is on; volatile for the reloading thread. */
    private volatile UdpTrackerListener udpListener;
    /** limits.maxConnections as last configured (before fitting it to the open-file limit); reload thread. */
    private int configuredMaxConnections;
    /** Volatile: a reload on the signal thread hands its settings to the loops once they exist. */
    private volatile LoopResourceTable loops;
    /** /health, /metrics, /stats.json and whatever else operators read; see {@link #adminRoutes}. */
    private final AdminRoutes adminRoutes = new AdminRoutes();
    private final AdminListener adminListener = new AdminListener();
    private InetSocketAddress adminAddress;
    /** Who follows a change to the info-hash database made through this daemon; see {@link #torrentsChanged}. */
    private final List<Runnable> torrentChangeListeners = new CopyOnWriteArrayList<>();

    public SignalTrackerServer(SignalTrackerConfig config, Clock clock) {
        this(config, clock, TorrentAdmission.ALL, TorrentHistory.NONE);
    }

    /**
     * @param admission which info hashes are served (the info-hash database's policy)
     * @param history   stored completed counts, and where announces are recorded behind the hot path
     */
    public SignalTrackerServer(SignalTrackerConfig config, Clock clock, TorrentAdmission admission,
            TorrentHistory history) {
        this.config = config;
        this.live = new LiveConfig(config);
        this.clock = clock;
        this.core = new TrackerCore(config.tracker(), config.limits(), config.classic(), clock, metrics, admission,
                history);
        this.hub = SignalingHub.create(config.signaling(), clock);
        this.transport = Transport.select(config.server().transport());
        this.connectionLimiter = new ConnectionLimiter(maxConnectionsWithinFileLimit(config.limits().maxConnections()));
        this.configuredMaxConnections = config.limits().maxConnections();
        live.subscribe(this::applyReload);
    }

    /**
     * A reload's live settings reach the swarm store, the connection cap and every event loop (rates, caps,
     * intervals, sweep timeouts); no connection is closed for it, each follows the new values from its next
     * message, join or sweep pass. Runs on the reloading thread and never blocks.
     */
    private void applyReload(SignalTrackerConfig next) {
        core.reconfigure(next.tracker(), next.limits(), next.classic());
        int cap = next.limits().maxConnections();
        if (cap != configuredMaxConnections) {
            // Fitted to the open-file limit again (and said so) only when the operator changed it.
            configuredMaxConnections = cap;
            connectionLimiter.setMaxConnections(maxConnectionsWithinFileLimit(cap));
        }
        LoopResourceTable table = loops;
        if (table != null) {
            table.reconfigure(next);
        }
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
     * Every reason to refuse a WebSocket upgrade, asked in order: the access rules (403, 429), the
     * connection cap's health-check reserve, then the held-bytes budget (503).
     */
    private UpgradeAdmission upgradeAdmission(HeldBytesBudget budget) {
        return UpgradeAdmission.all(List.of(new AccessAdmission(access), connectionLimiter,
                new HeldBytesAdmission(budget, metrics)));
    }

    /** The access rules from the config, and from every reload after; a ban file that cannot be read stops start. */
    private void startAccessControl() {
        try {
            access = AccessControl.start(config.access(), clock, accessMetrics);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("access.bannedRangesFile: " + e.getMessage());
        }
        live.addCheck(SignalTrackerServer::checkBannedRangesFile);
        live.subscribe(next -> access.apply(next.access()));
    }

    /** A reload naming a ban file that cannot be read or holds a bad line is refused whole. */
    private static void checkBannedRangesFile(SignalTrackerConfig next) throws ConfigException {
        String file = next.access().bannedRangesFile();
        if (file.isEmpty()) {
            return;
        }
        try {
            BannedRangesFile.read(Path.of(file));
        } catch (java.io.IOException e) {
            throw new ConfigException("access.bannedRangesFile: " + e.getMessage());
        }
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
        startAccessControl();
        int threads = config.server().ioThreads() == 0
                ? Runtime.getRuntime().availableProcessors() : config.server().ioThreads();
        eventLoops = transport.newEventLoopGroup(threads, "signal-tracker-io");
        datagramLoops = transport.datagrams() == transport ? eventLoops
                : transport.datagrams().newEventLoopGroup(threads, "signal-tracker-udp");
        HeldBytesBudget budget = new HeldBytesBudget(HeldBytesBudget.resolveBytes(ws.maxHeldMegabytes(),
                Runtime.getRuntime().maxMemory(), PlatformDependent.maxDirectMemory()));
        loops = new LoopResourceTable(() -> new WebTorrentDispatcher(core, tracker, metrics, clock),
                () -> new SignalingDispatcher(hub, signalingMetrics, clock), config.signaling().reliableQueueBytes(),
                ws, budget);
        if (live.current() != config) {
            loops.reconfigure(live.current());
        }
        HttpRoutes routes = SignalingRoutes.addTo(HttpRoutes.tracker(), hub, loops)
                .staticFiles(StaticFiles.load(SignalTrackerServer.class.getClassLoader()));
        if (config.classic().httpEnabled()) {
            HttpTrackerRoute httpTracker = new HttpTrackerRoute(() -> new HttpTrackerDispatcher(core, config.classic(),
                    config.limits(), metrics, clock), live.current());
            live.subscribe(httpTracker::reconfigure);
            routes.httpTracker(httpTracker);
        }
        AdminEndpoints.addTo(adminRoutes, new MetricsExport(new MetricSources(metrics, signalingMetrics, core,
                connectionLimiter, loops, httpCounters, budget, accessMetrics, access,
                tlsMetrics), loops.timings()), core);
        MainPortAdmin.addTo(routes, adminRoutes, AdminEndpoints.MAIN_PORT_PATHS, () -> live.current().admin().token());
        MainPortAdmin.addTreesTo(routes, adminRoutes, () -> live.current().admin().token());
        WebSocketUpgrade upgrade = new WebSocketUpgrade(ws, metrics, loops);
        UpgradeAdmission admission = upgradeAdmission(budget);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(transport.serverChannelClass())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel listening) {
                        listening.pipeline().addLast(new BannedPeerFilter(access), new ReadOnRegistration());
                    }
                })
                .option(ChannelOption.SO_BACKLOG, config.server().soBacklog())
                // Netty's default for an epoll server channel can accept one connection per turn of the loop;
                // with the earlier, slower pipeline a turn under announce load took tens of milliseconds and
                // only ~650 of 1,000 new clients got in before their timeout. Accept up to 16 per turn.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new ServerChannelRecvByteBufAllocator()
                        .respectMaybeMoreData(false).maxMessagesPerRead(16))
                // No TCP_NODELAY option: both transports' child channels set it themselves when they are made
                // (PlatformDependent.canEnableTcpNoDelayByDefault, true off Android); setting it again costs a
                // setsockopt per connection.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(ws.writeBufferLowBytes(), ws.writeBufferHighBytes()))
                .childHandler(new TrackerChannelInitializer(ws, connectionLimiter, upgrade, admission, httpCounters,
                        routes));
        if (transport.deferAcceptOption() != null && config.server().deferAcceptSeconds() > 0) {
            // Every client here speaks first (an HTTP request, an upgrade, a TLS hello), so the kernel can keep
            // the connection until those bytes arrive: the first read then always finds them, one wake-up less.
            bootstrap.option(transport.deferAcceptOption(), config.server().deferAcceptSeconds());
        }
        try {
            if (config.tls().plainListener()) {
                listener = bind(bootstrap, config.server().port());
            }
            if (tls != null) {
                // The same pipeline as the plain listener's, behind the TLS stages.
                tlsListener = bind(bootstrap.clone().childHandler(new TrackerChannelInitializer(ws, connectionLimiter,
                        upgrade, admission, httpCounters, routes, tls)), config.tls().port());
                live.addCheck(tls::check);
                live.subscribe(tls::reload);
            }
            if (config.admin().listenerOn()) {
                adminAddress = adminListener.bind(eventLoops, transport.serverChannelClass(),
                        config.admin().bindAddress(), config.admin().port(), adminRoutes);
            }
        } catch (InterruptedException | RuntimeException e) {
            if (listener != null) {
                listener.close();
            }
            if (tlsListener != null) {
                tlsListener.close();
            }
            adminRoutes.stop();
            shutDownLoops();
            throw e;
        }
        InetSocketAddress mainAddress = (InetSocketAddress) (listener != null ? listener : tlsListener).localAddress();
        startUdpTracker(mainAddress.getPort());
        startSweeper(tracker);
        InetSocketAddress bound = (InetSocketAddress) (listener != null ? listener : tlsListener).localAddress();
        String where = listener == null ? "with TLS on " + tlsListener.localAddress()
                : bound + (tlsListener == null ? "" : " and with TLS on " + tlsListener.localAddress());
        LOG.info("listening on " + where + " (transport " + transport.name() + ": " + transport.reason()
                + "; " + threads + " event loops; allocator " + ByteBufAllocator.DEFAULT.getClass().getSimpleName()
                + "; " + bufferAccess() + "; held-bytes budget " + (budget.limitBytes() >> 20) + " MiB)");
        LOG.info(adminAddress != null ? "admin listener (/metrics, /stats.json, /health) on " + adminAddress
                : "admin listener off (admin.listener = off)");
        if (tls != null) {
            LOG.info("TLS on " + tlsListener.localAddress() + ": " + tls.describe());
        }
        return bound;
    }

    /**
     * The UDP tracker on classic.udpPort (0: the main TCP listener's port number), when classic.udp is on;
     * its dispatchers follow reloads of the classic section (those of sockets bound later too: their
     * dispatchers are made from the live settings). With a wildcard bind address the sockets follow the
     * interface addresses while the daemon runs; {@link #stop} closes them all. A port that cannot be bound
     * stops the start.
     */
    private void startUdpTracker(int mainPort) throws InterruptedException {
        if (!config.classic().udpEnabled()) {
            LOG.info("UDP tracker off (classic.udp = off)");
            return;
        }
        int port = config.classic().udpPort() == 0 ? mainPort : config.classic().udpPort();
        // The wall clock, not the monotonic one: instances sharing the secret must agree on the epoch.
        ConnectionIds ids = ConnectionIds.fromSecret(config.classic().connectionIdSecret(), System::currentTimeMillis);
        try {
            udpListener = UdpTrackerListener.bind(transport.datagrams(), datagramLoops, config.server().bindAddress(),
                    port,
                    config.classic().udpReceiveBufferBytes(),
                    () -> new UdpTrackerDispatcher(core, live.current().classic(), ids, metrics.udp), access,
                    metrics.udp);
        } catch (InterruptedException | RuntimeException e) {
            stopListeners();
            throw e;
        }
        live.subscribe(next -> udpListener.reconfigure(next.classic()));
        if (live.current().classic() != config.classic()) {
            udpListener.reconfigure(live.current().classic());
        }
    }

    /** Closes what {@link #start} bound before a later step failed. */
    private void stopListeners() {
        if (listener != null) {
            listener.close();
        }
        if (tlsListener != null) {
            tlsListener.close();
        }
        adminListener.close();
        adminRoutes.stop();
        shutDownLoops();
    }

    /** Lets both loop groups end without waiting for them (a start that failed). */
    private void shutDownLoops() {
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (datagramLoops != eventLoops) {
            datagramLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
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
        sweeper.scheduleAtFixedRate(this::sweepAccess, ACCESS_SWEEP_SECONDS, ACCESS_SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    private void sweepAccess() {
        try {
            access.sweep();
        } catch (RuntimeException e) {
            LOG.warning("access sweep failed (the next one runs as planned): " + e);
        }
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
            if (udpListener != null) {
                udpListener.close();
            }
            adminListener.close();
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
            adminRoutes.stop();
            if (datagramLoops != null && datagramLoops != eventLoops) {
                datagramLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
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

    /** The access rules in force: trusted proxies, Origins, bans, per-address limits. */
    public AccessControl access() {
        return access;
    }

    /** Access refusals by reason, and what trusted proxies' headers gave. */
    public AccessMetrics accessMetrics() {
        return accessMetrics;
    }

    public ConnectionLimiter connectionLimiter() {
        return connectionLimiter;
    }

    /** The bytes clients make the daemon hold, against its budget. */
    public HeldBytesBudget heldBytes() {
        return loops.budget();
    }

    /** The admin listener's bound address; null when {@code admin.listener = off}. */
    public InetSocketAddress adminAddress() {
        return adminAddress;
    }

    /** The admin route table; add routes before {@link #start}. */
    public AdminRoutes adminRoutes() {
        return adminRoutes;
    }

    /**
     * Runs {@code listener} after each change to the info-hash database made through this daemon (the admin
     * torrent API), so the in-memory policy can refresh at once instead of at its next interval. Listeners
     * run on the thread that made the change and must not wait on the database themselves: hand the refresh
     * to the database thread.
     */
    public void onTorrentsChanged(Runnable listener) {
        torrentChangeListeners.add(listener);
    }

    /** Tells every {@link #onTorrentsChanged} listener that the torrent list changed. */
    public void torrentsChanged() {
        for (Runnable listener : torrentChangeListeners) {
            listener.run();
        }
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

    /**
     * An option of the plain (or, with tls.mode = only, the TLS) listening socket as the kernel reports it now,
     * e.g. the transport's {@code TCP_DEFER_ACCEPT}: for diagnostics and tests.
     */
    public <T> T listenerOption(ChannelOption<T> option) {
        return (listener != null ? listener : tlsListener).config().getOption(option);
    }

    /** The UDP tracker's first bound address, or null when classic.udp = off or no address is bound. */
    public InetSocketAddress udpAddress() {
        UdpTrackerListener udp = udpListener;
        return udp == null ? null : udp.localAddress();
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
