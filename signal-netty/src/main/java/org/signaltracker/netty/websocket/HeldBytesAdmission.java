package org.signaltracker.netty.websocket;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.netty.http.UpgradeAdmission;

/**
 * Refuses new WebSockets (503) while the daemon holds seven eighths of its held-bytes budget or more:
 * shedding is under way or close, and a new connection would only be the next to hold memory. Thread-safe
 * and shared: it reads one counter.
 */
public final class HeldBytesAdmission implements UpgradeAdmission {

    /** Shedding and the once-a-second sweep free memory within seconds. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Refusal NEAR_BUDGET = new Refusal(HttpResponseStatus.SERVICE_UNAVAILABLE,
            "the server is near its memory budget; try again later", RETRY_AFTER_SECONDS);

    private final HeldBytesBudget budget;
    private final TrackerMetrics metrics;

    public HeldBytesAdmission(HeldBytesBudget budget, TrackerMetrics metrics) {
        this.budget = budget;
        this.metrics = metrics;
    }

    @Override
    public Refusal refusal(Channel channel) {
        if (budget.admitsNewConnections()) {
            return null;
        }
        metrics.upgradesRefusedForMemory.increment();
        return NEAR_BUDGET;
    }
}
