package org.signaltracker.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceOutcome;
import org.signaltracker.core.tracker.AnnounceRequest;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * TrackerCore alone under 1 and 2 threads, over 1, 10k and 1M swarms that each already hold a seeder and
 * a leecher. Each thread is one connection with its own peer id, as an event loop serving one client.
 */
@State(Scope.Benchmark)
public class TrackerCoreBenchmark extends BenchmarkBase {

    @Param({"1", "10000", "1000000"})
    public int swarms;

    /** The info-hash database: off, or on (SQLite, open policy, written behind); see {@link BenchDatabase}. */
    @Param({"off", "on"})
    public String database;

    BenchDatabase db;

    TrackerCore core;
    byte[][] hashes;
    final AtomicInteger threadIds = new AtomicInteger();

    @Setup(Level.Trial)
    public void populate() {
        db = BenchDatabase.of(database);
        core = new TrackerCore(BenchConfig.tracker(), BenchConfig.limits(), SystemClock.INSTANCE, new TrackerMetrics(),
                db.admission(), db.history());
        hashes = new byte[swarms][];
        TrackerConnection[] members = new TrackerConnection[1000];
        for (int i = 0; i < members.length; i++) {
            members[i] = core.openConnection(new DiscardingSession());
        }
        AnnounceRequest request = new AnnounceRequest();
        AnnounceOutcome out = new AnnounceOutcome(10);
        for (int s = 0; s < swarms; s++) {
            hashes[s] = BenchConfig.id(s, (byte) 'H');
            for (int p = 0; p < 2; p++) {
                request.reset();
                System.arraycopy(hashes[s], 0, request.infoHash, 0, 20);
                System.arraycopy(BenchConfig.id(2L * s + p, (byte) 'P'), 0, request.peerId, 0, 20);
                request.event = AnnounceEvent.STARTED;
                request.left = p == 0 ? 0 : 100;
                out.reset();
                core.announce(members[(2 * s + p) % members.length], request, out);
            }
        }
    }

    @TearDown(Level.Trial)
    public void closeDatabase() {
        db.close();
    }

    /** One calling connection per thread. */
    @State(Scope.Thread)
    public static class Caller {
        TrackerConnection connection;
        final AnnounceRequest request = new AnnounceRequest();
        final AnnounceOutcome out = new AnnounceOutcome(10);
        SplittableRandom random;
        TrackerCore core;
        byte[][] hashes;

        @Setup(Level.Trial)
        public void join(TrackerCoreBenchmark bench) {
            int thread = bench.threadIds.incrementAndGet();
            core = bench.core;
            hashes = bench.hashes;
            connection = core.openConnection(new DiscardingSession());
            random = new SplittableRandom(thread);
            System.arraycopy(BenchConfig.id(thread, (byte) 'T'), 0, request.peerId, 0, 20);
        }

        int announce(AnnounceEvent event, long left, int offers) {
            request.event = event;
            request.left = left;
            request.offerCount = offers;
            request.numWant = AnnounceRequest.NUMWANT_ABSENT;
            out.reset();
            core.announce(connection, request, out);
            return out.targetCount;
        }

        void pickSwarm() {
            System.arraycopy(hashes[random.nextInt(hashes.length)], 0, request.infoHash, 0, 20);
        }
    }

    private static int announce(Caller c) {
        c.pickSwarm();
        return c.announce(AnnounceEvent.UPDATE, 100, 5);
    }

    private static int completedCycle(Caller c) {
        c.pickSwarm();
        c.announce(AnnounceEvent.UPDATE, 100, 0);
        return c.announce(AnnounceEvent.COMPLETED, 0, 0);
    }

    private static int stoppedCycle(Caller c) {
        c.pickSwarm();
        c.announce(AnnounceEvent.STARTED, 100, 0);
        return c.announce(AnnounceEvent.STOPPED, 100, 0);
    }

    private static int connectAnnounceClose(Caller c) {
        TrackerConnection own = c.connection;
        c.connection = c.core.openConnection(new DiscardingSession());
        c.pickSwarm();
        int chosen = c.announce(AnnounceEvent.STARTED, 100, 5);
        c.core.close(c.connection);
        c.connection = own;
        return chosen;
    }

    /** An offer-carrying re-announce (5 offers): lookup, status update and the choice of 5 receivers. */
    @Benchmark
    @Threads(1)
    public int announce1(Caller c) {
        return announce(c);
    }

    @Benchmark
    @Threads(2)
    public int announce2(Caller c) {
        return announce(c);
    }

    /** A leecher re-announce followed by completed: a demotion and a promotion, two core calls. */
    @Benchmark
    @Threads(1)
    public int completed1(Caller c) {
        return completedCycle(c);
    }

    @Benchmark
    @Threads(2)
    public int completed2(Caller c) {
        return completedCycle(c);
    }

    /** started then stopped: a join and a leave, two core calls. */
    @Benchmark
    @Threads(1)
    public int stopped1(Caller c) {
        return stoppedCycle(c);
    }

    @Benchmark
    @Threads(2)
    public int stopped2(Caller c) {
        return stoppedCycle(c);
    }

    /** A new connection joins one swarm (5 offers' receivers chosen) and closes. */
    @Benchmark
    @Threads(1)
    public int close1(Caller c) {
        return connectAnnounceClose(c);
    }

    @Benchmark
    @Threads(2)
    public int close2(Caller c) {
        return connectAnnounceClose(c);
    }
}
