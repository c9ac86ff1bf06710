package org.signaltracker.bench.load;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * Open loop: each connection sends on its own schedule, its sends evenly spaced and offset from the
 * others' so that they spread over the period, climbing to the requested rate over the first half of the
 * warm-up ({@link RampSchedule}). Latency counts from when a request was meant to go, so neither a stalled
 * tracker nor a late generator can hide queueing; how late the generator itself got to each send is
 * recorded apart ({@link LoadStats#sendLagMicros}), so that a lagging generator shows as such.
 *
 * <p>Each send schedules the next one on the connection's event loop (one pending timer per connection),
 * so the schedules stop with the event loops at the end of the run.
 */
final class OpenLoop {

    /** A head start long enough to schedule every connection before the first send is due. */
    private static final long HEAD_START_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Scenario scenario;
    private final LoadStats stats;
    private final RampSchedule ramp;
    private final long origin;
    private final long periodNanos;

    private OpenLoop(Scenario scenario, LoadStats stats, RampSchedule ramp, long origin, long periodNanos) {
        this.scenario = scenario;
        this.stats = stats;
        this.ramp = ramp;
        this.origin = origin;
        this.periodNanos = periodNanos;
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
        RampSchedule ramp = new RampSchedule(TimeUnit.SECONDS.toNanos(config.warmupSeconds()) / 2);
        OpenLoop loop = new OpenLoop(scenario, stats, ramp, System.nanoTime() + HEAD_START_NANOS, periodNanos);
        for (int i = 0; i < senders.size(); i++) {
            loop.next(senders.get(i), periodNanos * i / senders.size());
        }
    }

    /** Schedules the send of {@code c} at schedule time {@code scheduleNanos}. */
    private void next(LoadConnection c, long scheduleNanos) {
        long intended = origin + ramp.realNanos(scheduleNanos);
        EventLoop loop = c.channel.eventLoop();
        loop.schedule(() -> {
            stats.add(Count.TICKS);
            stats.recordSendLag((System.nanoTime() - intended) / 1000);
            if (c.isOpen()) {
                scenario.tick(c, intended);
                next(c, scheduleNanos + periodNanos);
            }
        }, Math.max(0, intended - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
