package org.signaltracker.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The load generator: opens the configured connections to a tracker on 127.0.0.0/8, drives one scenario
 * for a warm-up and a measured period, and prints a table and a one-line JSON summary. Every phase is
 * bounded in time: connecting by {@link #CONNECT_DEADLINE_SECONDS}, the run by its duration.
 */
public final class LoadMain {

    private static final int CONNECT_DEADLINE_SECONDS = Integer.getInteger("load.connectDeadlineSeconds", 120);
    private static final int MAX_CONCURRENT_HANDSHAKES = 256;
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(LoadOptions.help());
            return;
        }
        LoadConfig config;
        try {
            config = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(LoadOptions.describe(config));
        System.out.printf("generator: %s %s, transport %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Epoll.isAvailable() ? "epoll" : "nio");
        int exit = run(config);
        System.exit(exit);
    }

    static int run(LoadConfig config) throws Exception {
        LoadStats stats = new LoadStats();
        LoadMessages messages = new LoadMessages(config.sdpBytes());
        Scenario scenario = switch (config.scenario()) {
            case "relay" -> new RelayScenario(config, messages, stats);
            case "idle" -> new IdleScenario(config, messages, stats);
            default -> new AnnounceScenario(config, messages, stats);
        };
        boolean epoll = Epoll.isAvailable();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<LoadConnection> connections = new ArrayList<>();
        long rssBefore = ServerMemory.residentBytes(config.serverPid());
        try {
            connect(config, group, epoll, scenario, stats, connections);
            long up = stats.connected.sum();
            System.out.printf("connected: %d of %d (%d connects refused or timed out)%n", up, config.connections(),
                    stats.connectFailures.sum());
            if (config.ratePerSecond() > 0 && scenario.sendsRequests()) {
                scheduleOpenLoop(config, scenario, connections);
            }
            Thread.sleep(config.warmupSeconds() * 1000L);
            long[] start = stats.snapshot();
            Histogram warmup = stats.latencyMicros.getIntervalHistogram(); // the warm-up's latencies are not reported
            if (config.ratePerSecond() == 0 && scenario.sendsRequests() && warmup.getTotalCount() > 0) {
                // Closed loop: a connection sends again as soon as its reply comes, so its expected interval
                // is the mean reply time seen in the warm-up; longer replies are corrected against it.
                stats.expectInterval((long) Math.ceil(warmup.getMean()));
            }
            long serverCpuStart = ServerMemory.cpuNanos(config.serverPid());
            long ownCpuStart = ServerMemory.ownCpuNanos();
            Histogram total = measure(config, stats);
            long[] end = stats.snapshot();
            double serverCpu = cpuShare(serverCpuStart, ServerMemory.cpuNanos(config.serverPid()), config);
            double ownCpu = cpuShare(ownCpuStart, ServerMemory.ownCpuNanos(), config);
            long rssAfter = ServerMemory.residentBytes(config.serverPid());
            LoadReport.print(config, stats, start, end, total, up, rssBefore, rssAfter, serverCpu, ownCpu, System.out);
            return up == config.connections() ? 0 : 1;
        } finally {
            for (LoadConnection c : connections) {
                if (c.channel != null) {
                    c.channel.close();
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** CPU time used over the measured period, as a share of one core (1.0 = one core busy); -1 unknown. */
    private static double cpuShare(long startNanos, long endNanos, LoadConfig config) {
        if (startNanos < 0 || endNanos < 0) {
            return -1;
        }
        return (endNanos - startNanos) / (config.durationSeconds() * 1e9);
    }

    private static void connect(LoadConfig config, MultiThreadIoEventLoopGroup group, boolean epoll,
            Scenario scenario, LoadStats stats, List<LoadConnection> connections) throws InterruptedException {
        InetSocketAddress remote = new InetSocketAddress(config.url().getHost(), config.url().getPort());
        Semaphore handshakes = new Semaphore(MAX_CONCURRENT_HANDSHAKES);
        SplittableRandom ids = new SplittableRandom(config.seed());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_DEADLINE_SECONDS);
        for (int i = 0; i < config.connections() && System.nanoTime() < deadline; i++) {
            if (!handshakes.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            LoadConnection connection = new LoadConnection(i, LoadMessages.randomId(ids));
            connections.add(connection);
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                    new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                            .webSocketUri(config.url())
                                            .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                                            .handshakeTimeoutMillis(10_000)
                                            // The tracker under test is not what is checked here; the
                                            // generator's CPU is what limits how hard it can push.
                                            .withUTF8Validator(false)
                                            .build()),
                                    new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                                    new LoadFrameHandler(connection, scenario, stats, handshakes));
                        }
                    });
            InetSocketAddress local = new InetSocketAddress("127.0.0." + (1 + i % config.sourceAddresses()), 0);
            ChannelFuture future = bootstrap.connect(remote, local);
            connection.channel = future.channel();
            future.addListener(f -> {
                if (!f.isSuccess()) {
                    stats.connectFailures.increment();
                    handshakes.release();
                }
            });
        }
        // Wait for the handshakes still in flight (bounded by the same deadline).
        while (stats.connected.sum() + stats.disconnected.sum() + stats.connectFailures.sum() < connections.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Open loop: each connection sends on its own fixed schedule, offset so sends spread evenly. */
    private static void scheduleOpenLoop(LoadConfig config, Scenario scenario, List<LoadConnection> connections) {
        long periodNanos = (long) (connections.size() * 1e9 / config.ratePerSecond());
        // A head start long enough to schedule every connection before the first send is due.
        long origin = System.nanoTime() + 200_000_000L;
        for (LoadConnection c : connections) {
            if (c.channel == null || !c.channel.isActive()) {
                continue;
            }
            long offset = periodNanos * c.index / connections.size();
            long[] count = {0};
            c.channel.eventLoop().scheduleAtFixedRate(() -> {
                // Latency counts from when the request was meant to go, not when the loop got to it.
                long intended = origin + offset + count[0]++ * periodNanos;
                if (c.isOpen()) {
                    scenario.tick(c, intended);
                }
            }, Math.max(0, origin + offset - System.nanoTime()), periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static Histogram measure(LoadConfig config, LoadStats stats) throws InterruptedException, IOException {
        Histogram total = new Histogram(3);
        Path log = Path.of(config.histogramLog());
        if (log.getParent() != null) {
            Files.createDirectories(log.getParent());
        }
        try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile()))) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("signal-tracker load: " + LoadOptions.describe(config) + " (values in microseconds)");
            writer.outputLogFormatVersion();
            long startMillis = System.currentTimeMillis();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            for (int second = 0; second < config.durationSeconds(); second++) {
                Thread.sleep(1000);
                Histogram interval = stats.latencyMicros.getIntervalHistogram();
                writer.outputIntervalHistogram(interval);
                total.add(interval);
            }
        }
        return total;
    }
}
