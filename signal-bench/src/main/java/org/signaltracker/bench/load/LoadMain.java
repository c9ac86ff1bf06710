package org.signaltracker.bench.load;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * The load generator: opens the configured connections to a tracker on 127.0.0.0/8, drives one scenario
 * for a warm-up and a measured period, and prints a table and a one-line JSON summary. Every phase is
 * bounded in time: connecting by {@link #CONNECT_DEADLINE_SECONDS}, the run by its duration. Exit status:
 * 0 fine, 1 not every connection came up, 2 bad options, 3 an open-loop run did not hold its rate.
 */
public final class LoadMain {

    private static final int CONNECT_DEADLINE_SECONDS = Integer.getInteger("load.connectDeadlineSeconds", 120);
    static final int EXIT_NOT_ALL_UP = 1;
    static final int EXIT_RATE_NOT_KEPT = 3;

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
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // The generator is a measuring instrument: Netty's default sampling of buffers for leak reports
            // took 2-3 % of its core (a stack trace per sampled buffer). -Dio.netty.leakDetection.level
            // brings it back; the unit tests run with paranoid detection (parent pom).
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.out.println(LoadOptions.describe(config));
        System.out.printf("generator: %s %s, transport %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Epoll.isAvailable() ? "epoll" : "nio");
        int exit = run(config);
        System.exit(exit);
    }

    static int run(LoadConfig config) throws Exception {
        if (LoadOptions.classic(config.scenario())) {
            return ClassicLoad.run(config);
        }
        if ("wss".equals(config.url().getScheme())) {
            System.out.println("load: wss:// on the " + LoadTls.engine() + " TLS client, trusting any certificate"
                    + " (loopback only)");
        }
        LoadStats stats = new LoadStats();
        OutboundMessages messages = new OutboundMessages(config.sdpBytes());
        Scenario scenario = switch (config.scenario()) {
            case "relay" -> new RelayScenario(config, messages, stats);
            case "idle" -> new IdleScenario(config, messages, stats);
            case "churn" -> new ChurnScenario(config, messages, stats);
            case "signal" -> new SignalScenario(config, new SignalMessages(SignalMessages.runTag(System.nanoTime())),
                    stats);
            default -> new AnnounceScenario(config, messages, stats);
        };
        boolean idle = config.scenario().equals("idle");
        boolean epoll = Epoll.isAvailable();
        int cores = Runtime.getRuntime().availableProcessors();
        boolean spin = EventLoops.spins(config, cores);
        if (config.spinWait() == LoadConfig.SpinWait.ON && !spin) {
            System.out.printf("load: not spin-waiting: %d loops would share %d core(s)%n", config.threads(), cores);
        }
        MultiThreadIoEventLoopGroup group = EventLoops.create(config.threads(), spin);
        List<LoadConnection> connections = new ArrayList<>();
        long rssBefore = ServerMemory.residentBytes(config.serverPid());
        long heapBefore = idle ? ServerHeap.liveBytes(config.serverPid()) : -1;
        try {
            Connector connector = new Connector(config, group, epoll, scenario, stats);
            connector.connectAll(connections, System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_DEADLINE_SECONDS));
            long up = stats.sum(Count.CONNECTED);
            System.out.printf("connected: %d of %d (%d connects refused or timed out, %d closed since)%n", up,
                    config.connections(), stats.sum(Count.CONNECT_FAILURES), stats.sum(Count.DISCONNECTED));
            for (LoadConnection c : connections) {
                if (c.isOpen()) {
                    c.channel.eventLoop().execute(() -> scenario.start(c, System.nanoTime()));
                }
            }
            if (scenario instanceof ChurnScenario churn) {
                churn.startArrivals(connector);
            }
            if (config.ratePerSecond() > 0 && scenario.sendsRequests()) {
                OpenLoop.start(config, scenario, stats, connections);
            }
            // The warm-up's latencies are not reported (but for idle, whose one announce per connection is
            // answered while connecting: the report shows those apart). Its first half is left out of the
            // expected interval too: every connection's first announce goes at once, and at 10,000
            // connections that burst doubled the mean reply time the correction is based on.
            Thread.sleep(config.warmupSeconds() * 500L);
            Histogram warmupStart = stats.latencyMicros.getIntervalHistogram();
            Thread.sleep(config.warmupSeconds() * 1000L - config.warmupSeconds() * 500L);
            long[] start = stats.snapshot();
            Histogram warmup = stats.latencyMicros.getIntervalHistogram();
            stats.sendLagMicros.getIntervalHistogram();
            if (config.ratePerSecond() == 0 && scenario.sendsRequests() && warmup.getTotalCount() > 0) {
                // Closed loop: a connection sends again as soon as its reply comes, so its expected interval
                // is the mean reply time seen in the warm-up; longer replies are corrected against it.
                stats.expectInterval((long) Math.ceil(warmup.getMean()));
            }
            warmup.add(warmupStart);
            long serverCpuStart = ServerMemory.cpuNanos(config.serverPid());
            long ownCpuStart = ServerMemory.ownCpuNanos();
            long[][] coresStart = CoreTimes.read();
            long periodStart = System.nanoTime();
            IntervalLog period = new IntervalLog();
            period.run(config.durationSeconds(), stats.latencyMicros, stats.sendLagMicros, config.ratePerSecond() > 0);
            double seconds = (System.nanoTime() - periodStart) / 1e9;
            long[][] coresEnd = CoreTimes.read();
            long[] end = stats.snapshot();
            double serverCpu = cpuShare(serverCpuStart, ServerMemory.cpuNanos(config.serverPid()), seconds);
            double ownCpu = cpuShare(ownCpuStart, ServerMemory.ownCpuNanos(), seconds);
            long rssAfter = ServerMemory.residentBytes(config.serverPid());
            long heapAfter = idle ? ServerHeap.liveBytes(config.serverPid()) : -1;
            period.write(Path.of(config.histogramLog()),
                    "signal-tracker load: " + LoadOptions.describe(config) + " (values in microseconds)");
            RateCheck rate = rateCheck(config, start, end, seconds);
            LoadReport.print(new LoadResult(config, up, start, end, seconds, period.latency(), warmup,
                    stats.joinMicros.getIntervalHistogram(), period.sendLag(),
                    stats.expectedIntervalMicros(), rssBefore, rssAfter, heapBefore, heapAfter, serverCpu, ownCpu,
                    rate, spin, CoreTimes.share(coresStart, coresEnd, CoreTimes.allowedCores(0)),
                    config.serverPid() > 0
                            ? CoreTimes.share(coresStart, coresEnd, CoreTimes.allowedCores(config.serverPid()))
                            : null), System.out);
            if (up != config.connections()) {
                return EXIT_NOT_ALL_UP;
            }
            return rate.kept() ? 0 : EXIT_RATE_NOT_KEPT;
        } finally {
            if (scenario instanceof ChurnScenario churn) {
                churn.stopArrivals();
            }
            for (LoadConnection c : connections) {
                if (c.channel != null) {
                    c.channel.close();
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static RateCheck rateCheck(LoadConfig config, long[] start, long[] end, double seconds) {
        int requests = Count.REQUESTS.ordinal();
        int settled = Count.SETTLED.ordinal();
        return RateCheck.of(config.ratePerSecond(), seconds, end[requests] - start[requests],
                end[settled] - start[settled], start[requests] - start[settled], end[requests] - end[settled]);
    }

    /** CPU time used over the measured period, as a share of one core (1.0 = one core busy); -1 unknown. */
    private static double cpuShare(long startNanos, long endNanos, double seconds) {
        if (startNanos < 0 || endNanos < 0) {
            return -1;
        }
        return (endNanos - startNanos) / (seconds * 1e9);
    }
}
