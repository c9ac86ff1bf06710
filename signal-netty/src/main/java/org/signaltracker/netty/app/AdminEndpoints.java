package org.signaltracker.netty.app;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.signaltracker.core.stats.TrackerStats;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.admin.AdminResponse;
import org.signaltracker.netty.admin.AdminRoutes;
import org.signaltracker.netty.metrics.MetricsExport;

/**
 * The daemon's own admin routes: {@code /health}, {@code /metrics} (Prometheus text format) and
 * {@code /stats.json} (bittorrent-tracker's totals). Both of the last two walk the swarm store, one stripe
 * lock at a time, on the admin thread; {@code /stats.json} costs O(memberships) and about 9 bytes per
 * distinct peer id while it runs. Stateless.
 */
final class AdminEndpoints {

    /** The admin paths the main port also serves, behind {@code admin.token}; it has its own /health. */
    static final List<String> MAIN_PORT_PATHS = List.of("/metrics", "/stats.json");

    private AdminEndpoints() {
    }

    static void addTo(AdminRoutes routes, MetricsExport metrics, TrackerCore core) {
        routes.add("/health", request -> AdminResponse.text(HttpResponseStatus.OK, "ok\n"))
                .add("/metrics", request -> AdminResponse.ok(MetricsExport.CONTENT_TYPE, metrics.scrape()))
                .add("/stats.json", request -> AdminResponse.ok("application/json", TrackerStats.of(core).toJson()));
    }
}
