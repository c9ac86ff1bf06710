package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;

/**
 * Many threads of random announce, stop, close and sweep against one core. Each thread owns its own
 * connections (as an event loop does). Between phases the counts must equal the members, and once every
 * connection has closed nothing may be left behind.
 */
class TrackerCoreConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PHASES = 5;
    private static final int OPS_PER_PHASE = 20_000;
    private static final String[] HASHES = {"a", "b", "c", "d", "e", "f", "g", "h"};

    @Test
    void countsStayExactAndNothingIsLeftAfterEveryConnectionCloses() throws Exception {
        CoreFixture f = new CoreFixture(CoreFixture.trackerWith(0, 30, 10), CoreFixture.limitsWith(64, 10_000, 1_000_000));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier phaseEnd = new CyclicBarrier(THREADS + 1);
        List<List<TrackerConnection>> owned = new ArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                List<TrackerConnection> mine = new ArrayList<>();
                owned.add(mine);
                int thread = t;
                done.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(thread);
                    for (int phase = 0; phase < PHASES; phase++) {
                        for (int op = 0; op < OPS_PER_PHASE; op++) {
                            step(f, mine, random, thread);
                        }
                        phaseEnd.await(30, TimeUnit.SECONDS);
                        phaseEnd.await(30, TimeUnit.SECONDS);
                    }
                    for (TrackerConnection c : mine) {
                        f.core.close(c);
                    }
                    return null;
                }));
            }
            for (int phase = 0; phase < PHASES; phase++) {
                phaseEnd.await(60, TimeUnit.SECONDS);
                assertTrue(f.core.countsConsistent(), "counts differ from members after phase " + phase);
                f.clock.advanceSeconds(7);
                phaseEnd.await(60, TimeUnit.SECONDS);
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, f.core.peerCount());
        assertEquals(0, f.core.swarmCount());
        assertTrue(f.core.countsConsistent());
    }

    private static void step(CoreFixture f, List<TrackerConnection> mine, SplittableRandom random, int thread) {
        int roll = random.nextInt(100);
        if (mine.isEmpty() || roll < 5) {
            mine.add(f.connect());
            return;
        }
        TrackerConnection c = mine.get(random.nextInt(mine.size()));
        if (c.isClosed()) {
            mine.remove(c);
            return;
        }
        String hash = HASHES[random.nextInt(HASHES.length)];
        // Peer ids are shared between threads on purpose, so binding and takeover race too.
        String peer = "p" + random.nextInt(40);
        if (roll < 10) {
            f.core.close(c);
        } else if (roll < 25) {
            f.announce(c, hash, peer, AnnounceEvent.STOPPED, 0, 0);
        } else if (roll < 27) {
            f.core.sweepNextStripe();
        } else {
            AnnounceEvent event = roll < 60 ? AnnounceEvent.STARTED : roll < 70 ? AnnounceEvent.COMPLETED : AnnounceEvent.UPDATE;
            f.announce(c, hash, peer + "-" + thread % 2, event, random.nextInt(3), random.nextInt(6));
        }
    }
}
