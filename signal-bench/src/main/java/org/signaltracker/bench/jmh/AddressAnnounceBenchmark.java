package org.signaltracker.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.core.tracker.AddressAnnounce;
import org.signaltracker.core.tracker.AddressOutcome;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.TorrentAdmission;
import org.signaltracker.core.tracker.TorrentHistory;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * {@link TrackerCore#announceAddress} alone (what an HTTP or UDP announce costs in the core, without its
 * codec), under 1 and 2 threads. The store holds address (IPv4) peers only, in one of three shapes
 * ({@code swarms x peers}, half seeders): one hot torrent of 200, 10k swarms of 10, 1M swarms of 2. Kept
 * apart from {@link TrackerCoreBenchmark} so that the WebSocket figures keep the population they were
 * recorded with. The min interval is off, so every re-announce does its full work.
 */
@State(Scope.Benchmark)
public class AddressAnnounceBenchmark extends BenchmarkBase {

    @Param({"1x200", "10000x10", "1000000x2"})
    public String shape;

    TrackerCore core;
    byte[][] hashes;
    int peersPerSwarm;
    final AtomicInteger threadIds = new AtomicInteger();

    @Setup(Level.Trial)
    public void populate() {
        int x = shape.indexOf('x');
        int swarms = Integer.parseInt(shape.substring(0, x));
        peersPerSwarm = Integer.parseInt(shape.substring(x + 1));
        core = new TrackerCore(BenchConfig.tracker(), BenchConfig.limits(), BenchConfig.classic(),
                SystemClock.INSTANCE, new TrackerMetrics(), TorrentAdmission.ALL, TorrentHistory.NONE);
        hashes = new byte[swarms][];
        AddressAnnounce request = new AddressAnnounce();
        AddressOutcome out = new AddressOutcome(1);
        for (int s = 0; s < swarms; s++) {
            hashes[s] = BenchConfig.id(s, (byte) 'H');
            for (int p = 0; p < peersPerSwarm; p++) {
                long peer = (long) s * peersPerSwarm + p;
                request.reset();
                System.arraycopy(hashes[s], 0, request.infoHash, 0, 20);
                System.arraycopy(BenchConfig.id(peer, (byte) 'P'), 0, request.peerId, 0, 20);
                BenchConfig.endpoint(peer, request);
                request.event = AnnounceEvent.STARTED;
                request.left = p % 2;
                out.reset();
                core.announceAddress(request, out);
            }
        }
    }

    /** One calling event loop per thread, with the request and outcome it reuses. */
    @State(Scope.Thread)
    public static class Caller {
        final AddressAnnounce request = new AddressAnnounce();
        /** Room for the classic default numwant. */
        final AddressOutcome out = new AddressOutcome(50);
        SplittableRandom random;
        TrackerCore core;
        byte[][] hashes;
        int peersPerSwarm;
        long ownEndpoint;

        @Setup(Level.Trial)
        public void join(AddressAnnounceBenchmark bench) {
            int thread = bench.threadIds.incrementAndGet();
            core = bench.core;
            hashes = bench.hashes;
            peersPerSwarm = bench.peersPerSwarm;
            random = new SplittableRandom(thread);
            // Past every populated endpoint: this thread's own, for joins and leaves.
            ownEndpoint = (1L << 36) + thread;
        }

        int announce(AnnounceEvent event, long left) {
            request.event = event;
            request.left = left;
            request.numWant = 50;
            out.reset();
            core.announceAddress(request, out);
            return out.peerCount;
        }

        /** A random swarm, announced as one of its peers (a leecher when {@code leecher}). */
        void asExistingPeer(boolean leecher) {
            int s = random.nextInt(hashes.length);
            int p = random.nextInt(peersPerSwarm);
            if (leecher && p % 2 == 0) {
                p = p + 1 < peersPerSwarm ? p + 1 : p - 1;
            }
            long peer = (long) s * peersPerSwarm + p;
            System.arraycopy(hashes[s], 0, request.infoHash, 0, 20);
            BenchConfig.id(peer, (byte) 'P', request.peerId);
            BenchConfig.endpoint(peer, request);
        }

        void asSelfInRandomSwarm() {
            System.arraycopy(hashes[random.nextInt(hashes.length)], 0, request.infoHash, 0, 20);
            BenchConfig.id(ownEndpoint, (byte) 'T', request.peerId);
            BenchConfig.endpoint(ownEndpoint, request);
        }
    }

    /** A leecher's re-announce (numwant 50): lookup by endpoint, status, and the choice of its answer. */
    private static int update(Caller c) {
        c.asExistingPeer(true);
        return c.announce(AnnounceEvent.UPDATE, 100);
    }

    /** started then stopped from a new endpoint: a join with its answer, and a leave. */
    private static int startStop(Caller c) {
        c.asSelfInRandomSwarm();
        int peers = c.announce(AnnounceEvent.STARTED, 100);
        c.announce(AnnounceEvent.STOPPED, 100);
        return peers;
    }

    @Benchmark
    @Threads(1)
    public int update1(Caller c) {
        return update(c);
    }

    @Benchmark
    @Threads(2)
    public int update2(Caller c) {
        return update(c);
    }

    @Benchmark
    @Threads(1)
    public int startStop1(Caller c) {
        return startStop(c);
    }

    @Benchmark
    @Threads(2)
    public int startStop2(Caller c) {
        return startStop(c);
    }
}
