package org.signaltracker.netty.metrics;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One row of the {@link MetricsTable}: a metric family as Prometheus shows it, and where its values come
 * from. Values are read when Prometheus scrapes, never pushed from the hot path. Immutable.
 *
 * @param name      Prometheus name; a counter's is written without {@code _total}, which the exposition adds
 * @param type      counter (only ever grows while the daemon runs) or gauge
 * @param help      the {@code # HELP} text
 * @param source    the class that counts it, for whoever reads the table or the README
 * @param labelName the one label that splits the family, or null when it has a single sample
 * @param samples   one per label value (a single one with a null label value when {@code labelName} is null)
 */
public record MetricDefinition(String name, Type type, String help, String source, String labelName,
        List<Sample> samples) {

    public enum Type {
        COUNTER, GAUGE
    }

    /** One time series: its label value (null without a label) and how to read it. */
    public record Sample(String labelValue, LongSupplier value) {
    }
}
