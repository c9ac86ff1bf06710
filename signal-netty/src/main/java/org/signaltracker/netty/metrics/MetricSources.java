package org.signaltracker.netty.metrics;

import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.AccessMetrics;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.http.HttpCounters;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.websocket.LoopResourceTable;

/**
 * Everything the {@link MetricsTable} reads, as the server holds it. A new counting class (TLS handshakes,
 * access refusals) becomes one more component here and its rows in the table. Immutable.
 */
public record MetricSources(
        TrackerMetrics tracker,
        SignalingMetrics signaling,
        TrackerCore core,
        ConnectionLimiter connections,
        LoopResourceTable loops,
        HttpCounters http,
        HeldBytesBudget heldBytes,
        AccessMetrics access,
        AccessControl accessControl,
        TlsMetrics tls) {
}
