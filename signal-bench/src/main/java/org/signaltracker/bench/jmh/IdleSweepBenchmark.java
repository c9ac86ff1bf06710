package org.signaltracker.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceOutcome;
import org.signaltracker.core.tracker.AnnounceRequest;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The idle sweep over 1M peers (100k swarms of 10) when nobody is idle, the steady state: one operation
 * visits every stripe once, which the daemon spreads over tracker.sweepIntervalSeconds. The time of one
 * stripe step is this figure divided by the stripe count, and bounds how long a sweep holds a stripe lock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IdleSweepBenchmark extends BenchmarkBase {

    private static final int SWARMS = 100_000;
    private static final int PEERS_PER_SWARM = 10;

    private TrackerCore core;

    @Setup(Level.Trial)
    public void populate() {
        TrackerConfig tracker = BenchConfig.tracker();
        core = new TrackerCore(tracker, BenchConfig.limits(), new ManualClock(), new TrackerMetrics());
        TrackerConnection[] connections = new TrackerConnection[1000];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = core.openConnection(new DiscardingSession());
        }
        AnnounceRequest request = new AnnounceRequest();
        AnnounceOutcome out = new AnnounceOutcome(10);
        long peer = 0;
        for (int s = 0; s < SWARMS; s++) {
            for (int p = 0; p < PEERS_PER_SWARM; p++, peer++) {
                request.reset();
                System.arraycopy(BenchConfig.id(s, (byte) 'H'), 0, request.infoHash, 0, 20);
                System.arraycopy(BenchConfig.id(peer, (byte) 'P'), 0, request.peerId, 0, 20);
                request.event = AnnounceEvent.STARTED;
                request.left = p % 2;
                out.reset();
                core.announce(connections[(int) (peer % connections.length)], request, out);
            }
        }
        if (core.peerCount() != (long) SWARMS * PEERS_PER_SWARM) {
            throw new IllegalStateException("expected 1M peers, have " + core.peerCount());
        }
    }

    @Benchmark
    public int sweepEveryStripeOnce() {
        int evicted = 0;
        for (int i = 0; i < core.stripeCount(); i++) {
            evicted += core.sweepNextStripe();
        }
        return evicted;
    }
}
