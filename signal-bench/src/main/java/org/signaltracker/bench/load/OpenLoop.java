package org.signaltracker.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * Open loop: each connection sends on its own fixed schedule, offset so that sends spread evenly over the
 * period, and latency counts from when a request was meant to go, so neither a stalled tracker nor a late
 * generator can hide queueing. How late the generator itself got to each send is recorded apart
 * ({@link LoadStats#sendLagMicros}): a lagging generator, not the tracker, would then explain the latency.
 * The schedules stop with the event loops at the end of the run.
 */
final class OpenLoop {

    /** A head start long enough to schedule every connection before the first send is due. */
    private static final long HEAD_START_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private OpenLoop() {
    }

    static void start(LoadConfig config, Scenario scenario, LoadStats stats, List<LoadConnection> connections) {
        List<LoadConnection> senders = new ArrayList<>();
        for (LoadConnection c : connections) {
            if (c.isOpen() && scenario.ticks(c)) {
                senders.add(c);
            }
        }
        if (senders.isEmpty()) {
            return;
        }
        // The requested rate is the total over the connections that send; each gets an equal share.
        long periodNanos = (long) (senders.size() * 1e9 / config.ratePerSecond());
        long origin = System.nanoTime() + HEAD_START_NANOS;
        for (int i = 0; i < senders.size(); i++) {
            LoadConnection c = senders.get(i);
            long offset = periodNanos * i / senders.size();
            long[] count = {0};
            c.channel.eventLoop().scheduleAtFixedRate(() -> {
                long intended = origin + offset + count[0]++ * periodNanos;
                stats.add(Count.TICKS);
                stats.recordSendLag((System.nanoTime() - intended) / 1000);
                if (c.isOpen()) {
                    scenario.tick(c, intended);
                }
            }, Math.max(0, origin + offset - System.nanoTime()), periodNanos, TimeUnit.NANOSECONDS);
        }
    }
}
