package org.signaltracker.netty.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.signaltracker.netty.metrics.MetricDefinition.Sample;

/**
 * The daemon's Prometheus registry, built with the official client: every row of the {@link MetricsTable}
 * as a counter or gauge whose callback reads its source at scrape time, the message handling histogram
 * ({@link MessageTimings}), and the client's JVM metrics (memory pools, GC, threads, classes, buffer pools).
 * A counting class added later is one call: {@link #add} with its row (see {@link MetricsTable#byEnum}).
 *
 * <p>Thread-safe; {@link #scrape} runs on the admin thread (it walks the swarm store once, off the event
 * loops) and scrapes are serialised there.
 */
public final class MetricsExport {

    /** The content type of the Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final ScrapeCensus census;

    public MetricsExport(MetricSources sources, MessageTimings timings) {
        this.census = new ScrapeCensus(sources.core());
        for (MetricDefinition row : MetricsTable.of(sources, census)) {
            add(row);
        }
        registry.register(timings);
        JvmMetrics.builder().register(registry);
    }

    /** Registers one more row; its name must be new. */
    public void add(MetricDefinition row) {
        String[] labels = row.labelName() == null ? new String[0] : new String[] {row.labelName()};
        if (row.type() == MetricDefinition.Type.COUNTER) {
            CounterWithCallback.builder().name(row.name()).help(row.help()).labelNames(labels)
                    .callback(callback -> {
                        for (Sample sample : row.samples()) {
                            callback.call(sample.value().getAsLong(), values(sample));
                        }
                    }).register(registry);
        } else {
            GaugeWithCallback.builder().name(row.name()).help(row.help()).labelNames(labels)
                    .callback(callback -> {
                        for (Sample sample : row.samples()) {
                            callback.call(sample.value().getAsLong(), values(sample));
                        }
                    }).register(registry);
        }
    }

    private static String[] values(Sample sample) {
        return sample.labelValue() == null ? new String[0] : new String[] {sample.labelValue()};
    }

    /** Every metric now, in the Prometheus text format. */
    public byte[] scrape() {
        census.refresh();
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
