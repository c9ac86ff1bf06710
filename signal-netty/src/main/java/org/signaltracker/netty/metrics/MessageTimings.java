package org.signaltracker.netty.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every event loop's {@link MessageTimes}, per protocol, and their sum as one Prometheus histogram,
 * {@code signaltracker_message_handling_seconds{protocol}}: the time from a complete inbound message to
 * the end of its handling (decode, the core's decision, the reply and relays written), on the loop that
 * read it. Built with the client's model types, so the text format and the bucket rules are the client's.
 *
 * <p>Thread-safe: loops add their instances once, on their first WebSocket; scrapes read any time.
 */
public final class MessageTimings implements Collector {

    static final String NAME = "signaltracker_message_handling_seconds";
    static final String HELP = "Time to handle one inbound WebSocket message (decode, decide, write the reply and "
            + "relays), by protocol.";
    private static final double[] UPPER_BOUNDS_SECONDS = upperBoundsSeconds();

    private final String[] protocols;
    private final List<List<MessageTimes>> byProtocol = new ArrayList<>();

    /** @param protocols the protocol label values, in the order {@link #forLoop} is asked for them */
    public MessageTimings(String... protocols) {
        this.protocols = protocols.clone();
        for (int i = 0; i < protocols.length; i++) {
            byProtocol.add(new CopyOnWriteArrayList<>());
        }
    }

    /** A new loop's histogram for protocol number {@code protocol}; the loop alone records into it. */
    public MessageTimes forLoop(int protocol) {
        MessageTimes times = new MessageTimes();
        byProtocol.get(protocol).add(times);
        return times;
    }

    @Override
    public HistogramSnapshot collect() {
        List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>(protocols.length);
        for (int p = 0; p < protocols.length; p++) {
            long[] counts = new long[UPPER_BOUNDS_SECONDS.length];
            long sumNanos = 0;
            for (MessageTimes times : byProtocol.get(p)) {
                sumNanos += times.addTo(counts);
            }
            points.add(new HistogramSnapshot.HistogramDataPointSnapshot(
                    ClassicHistogramBuckets.of(UPPER_BOUNDS_SECONDS, counts), sumNanos / 1e9,
                    Labels.of("protocol", protocols[p].toLowerCase(Locale.ROOT)), Exemplars.EMPTY, 0L));
        }
        return new HistogramSnapshot(new MetricMetadata(NAME, HELP, Unit.SECONDS), points);
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }

    private static double[] upperBoundsSeconds() {
        double[] bounds = new double[MessageTimes.UPPER_BOUNDS_NANOS.length + 1];
        for (int i = 0; i < MessageTimes.UPPER_BOUNDS_NANOS.length; i++) {
            bounds[i] = MessageTimes.UPPER_BOUNDS_NANOS[i] / 1e9;
        }
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        return bounds;
    }
}
