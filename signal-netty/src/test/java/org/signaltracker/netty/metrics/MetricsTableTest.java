package org.signaltracker.netty.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.access.AccessRefusal;
import org.signaltracker.core.config.AccessConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.AccessMetrics;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.http.HttpCounters;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.websocket.LoopResourceTable;

/** The table's rows are well-formed Prometheus families, and the export writes each of them. */
class MetricsTableTest {

    private static final String NAME = "[a-z_][a-z0-9_]*";

    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics tracker = new TrackerMetrics();
    private final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(), clock, tracker);
    private final LoopResourceTable loops = new LoopResourceTable(
            () -> new WebTorrentDispatcher(core, TrackerConfig.defaults(), tracker, clock), WebSocketConfig.defaults(),
            new HeldBytesBudget(1 << 20));
    private final AccessMetrics access = new AccessMetrics();
    private final MetricSources sources = new MetricSources(tracker, new SignalingMetrics(), core,
            new ConnectionLimiter(0), loops, new HttpCounters(), loops.budget(), access, accessControl(access, clock),
            new TlsMetrics());

    private static AccessControl accessControl(AccessMetrics metrics, ManualClock clock) {
        try {
            return AccessControl.start(AccessConfig.defaults(), clock, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rowsAreUniqueNamedHelpedAndLabelledConsistently() {
        List<MetricDefinition> rows = MetricsTable.of(sources, new ScrapeCensus(core));
        Set<String> names = new HashSet<>();
        for (MetricDefinition row : rows) {
            assertTrue(row.name().matches("signaltracker_" + NAME), row.name());
            assertFalse(row.name().endsWith("_total"), row.name() + ": the exposition adds _total to counters");
            assertTrue(names.add(row.name()), "duplicate " + row.name());
            assertFalse(row.help().isBlank(), row.name());
            assertFalse(row.source().isBlank(), row.name());
            assertFalse(row.samples().isEmpty(), row.name());
            Set<String> values = new HashSet<>();
            for (MetricDefinition.Sample sample : row.samples()) {
                if (row.labelName() == null) {
                    assertNull(sample.labelValue(), row.name());
                } else {
                    assertTrue(values.add(sample.labelValue()), row.name() + " repeats " + sample.labelValue());
                }
            }
        }
    }

    @Test
    void theExportWritesEveryRowAndCountersMove() {
        MetricsExport export = new MetricsExport(sources, loops.timings());
        tracker.announces.add(7);
        access.countRefusal(AccessRefusal.ADDRESS_RATE);
        String text = new String(export.scrape(), StandardCharsets.UTF_8);
        for (MetricDefinition row : MetricsTable.of(sources, new ScrapeCensus(core))) {
            String family = row.type() == MetricDefinition.Type.COUNTER ? row.name() + "_total" : row.name();
            assertTrue(text.contains("# TYPE " + family + " " + row.type().name().toLowerCase()), family);
        }
        assertTrue(text.contains("signaltracker_webtorrent_requests_total{kind=\"announce\"} 7.0"), text);
        assertTrue(text.contains("signaltracker_access_refusals_total{reason=\"address_rate\"} 1.0"), text);
        assertTrue(text.contains("signaltracker_access_refusals_total{reason=\"banned_peer\"} 0.0"), text);
        assertTrue(text.contains("# TYPE signaltracker_message_handling_seconds histogram"));
    }

    @Test
    void anEnumTableIsOneRow() {
        MetricsExport export = new MetricsExport(sources, loops.timings());
        long[] counts = {3, 4};
        export.add(MetricsTable.byEnum("signaltracker_test_outcomes", "Test outcomes.", "this test", "outcome",
                Outcome.values(), o -> counts[o.ordinal()]));
        String text = new String(export.scrape(), StandardCharsets.UTF_8);
        assertTrue(text.contains("signaltracker_test_outcomes_total{outcome=\"passed\"} 3.0"), text);
        assertTrue(text.contains("signaltracker_test_outcomes_total{outcome=\"failed\"} 4.0"), text);
        assertEquals(2, text.lines().filter(l -> l.startsWith("signaltracker_test_outcomes_total")).count());
    }

    private enum Outcome {
        PASSED, FAILED
    }
}
