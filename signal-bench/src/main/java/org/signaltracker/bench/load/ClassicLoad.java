package org.signaltracker.bench.load;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.signaltracker.bench.load.ClassicStats.Count;

/**
 * Runs a classic scenario (udp, http-new, http-keepalive) against a tracker on 127.0.0.0/8: a warm-up,
 * then the measured period, one interval histogram a second ({@link IntervalLog}), then
 * {@link ClassicReport}. Closed loop only; bounded by the warm-up plus the duration. Exit status 0, or
 * {@link #EXIT_NO_ANSWERS} when nothing at all was answered in the measured period.
 */
final class ClassicLoad {

    static final int EXIT_NO_ANSWERS = 1;
    private static final long SOCKET_DEADLINE_SECONDS = 30;

    private ClassicLoad() {
    }

    static int run(LoadConfig config) throws Exception {
        ClassicTorrents torrents = new ClassicTorrents(config.torrents());
        ClassicStats stats = new ClassicStats();
        MultiThreadIoEventLoopGroup group = EventLoops.create(config.threads(), EventLoops.spins(config,
                Runtime.getRuntime().availableProcessors()));
        boolean udp = config.scenario().equals("udp");
        UdpLoad udpLoad = udp ? new UdpLoad() : null;
        HttpLoad httpLoad = udp ? null : new HttpLoad();
        long rssBefore = ServerMemory.residentBytes(config.serverPid());
        try {
            if (udp) {
                udpLoad.start(config, group, torrents, stats,
                        System.nanoTime() + TimeUnit.SECONDS.toNanos(SOCKET_DEADLINE_SECONDS));
                System.out.printf("udp: %d clients over %d sockets, up to %d requests in flight per socket%n",
                        config.connections(), udpLoad.sockets(), config.classic().window());
            } else {
                httpLoad.start(config, group, torrents, stats);
                System.out.printf("%s: %d clients, one request in flight each, from %d source address(es)%n",
                        config.scenario(), config.connections(), config.sourceAddresses());
            }
            Thread.sleep(config.warmupSeconds() * 1000L);
            long[] start = stats.snapshot();
            stats.latencyMicros.getIntervalHistogram();
            long serverCpuStart = ServerMemory.cpuNanos(config.serverPid());
            long ownCpuStart = ServerMemory.ownCpuNanos();
            long[][] coresStart = CoreTimes.read();
            long periodStart = System.nanoTime();
            IntervalLog period = new IntervalLog();
            period.run(config.durationSeconds(), stats.latencyMicros, stats.sendLagMicros, false);
            double seconds = (System.nanoTime() - periodStart) / 1e9;
            long[][] coresEnd = CoreTimes.read();
            long[] end = stats.snapshot();
            double serverCpu = cpuShare(serverCpuStart, ServerMemory.cpuNanos(config.serverPid()), seconds);
            double ownCpu = cpuShare(ownCpuStart, ServerMemory.ownCpuNanos(), seconds);
            period.write(Path.of(config.histogramLog()),
                    "signal-tracker load: " + LoadOptions.describe(config) + " (values in microseconds)");
            Histogram latency = period.latency();
            ClassicReport report = new ClassicReport(config, start, end, seconds, latency, serverCpu, ownCpu,
                    rssBefore, ServerMemory.residentBytes(config.serverPid()),
                    CoreTimes.share(coresStart, coresEnd, CoreTimes.allowedCores(0)),
                    config.serverPid() > 0
                            ? CoreTimes.share(coresStart, coresEnd, CoreTimes.allowedCores(config.serverPid()))
                            : null);
            report.print(System.out);
            return report.delta(Count.CONNECTED) + report.delta(Count.ANNOUNCED) + report.delta(Count.SCRAPED)
                    + report.delta(Count.REFUSED) > 0 ? 0 : EXIT_NO_ANSWERS;
        } finally {
            if (udpLoad != null) {
                udpLoad.stop();
            }
            if (httpLoad != null) {
                httpLoad.stop();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static double cpuShare(long startNanos, long endNanos, double seconds) {
        if (startNanos < 0 || endNanos < 0) {
            return -1;
        }
        return (endNanos - startNanos) / (seconds * 1e9);
    }
}
