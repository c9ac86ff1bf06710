package org.signaltracker.netty.metrics;

import org.signaltracker.core.tracker.SwarmTotals;
import org.signaltracker.core.tracker.TrackerCensus;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The tracker core's swarm, seeder and leecher totals, counted once per scrape ({@link TrackerCensus#totals},
 * one stripe lock at a time, O(swarms)) and read by three gauges, so the announce path keeps no counter for
 * them. Refreshed by {@link MetricsExport} before it collects; thread-safe (a volatile snapshot).
 */
final class ScrapeCensus {

    private final TrackerCore core;
    private volatile SwarmTotals totals = new SwarmTotals(0, 0, 0);

    ScrapeCensus(TrackerCore core) {
        this.core = core;
    }

    void refresh() {
        totals = TrackerCensus.totals(core);
    }

    SwarmTotals totals() {
        return totals;
    }
}
