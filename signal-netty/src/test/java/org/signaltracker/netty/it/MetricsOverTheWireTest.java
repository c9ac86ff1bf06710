package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /metrics on the admin listener (loopback) is the Prometheus text format, and its counters, gauges
 * and histogram follow real traffic: a WebSocket connects and announces, and the messages, the swarm and
 * its leecher, the open WebSocket and the handling time all show it. JVM memory and GC are there too.
 */
class MetricsOverTheWireTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = AdminHttp.get(SERVER.adminPort(), "/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                "content type " + response.headers().firstValue("Content-Type"));
        return PrometheusText.parse(response.body());
    }

    /** Scrapes until {@code done} holds: the histogram is recorded just after the reply leaves. */
    private static PrometheusText scrapeUntil(Predicate<PrometheusText> done) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        PrometheusText metrics = scrape();
        while (!done.test(metrics) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            metrics = scrape();
        }
        return metrics;
    }

    @Test
    void countersGaugesAndTheHistogramFollowAnAnnounce() throws Exception {
        PrometheusText before = scrape();
        before.assertType("signaltracker_messages_received_total", "counter");
        before.assertType("signaltracker_swarms", "gauge");
        before.assertType("signaltracker_message_handling_seconds", "histogram");
        assertEquals(0, before.value("signaltracker_swarms"));
        assertEquals(0, before.value("signaltracker_websockets_open"));
        double received = before.value("signaltracker_messages_received_total{protocol=\"webtorrent\"}");
        double announces = before.value("signaltracker_webtorrent_requests_total{kind=\"announce\"}");

        try (TestClient client = TestClient.connect(SERVER.uri("/announce"))) {
            client.send(Wire.announce("metrics-swarm", "leecher", "started", 100));
            assertEquals("announce", client.next().get("action"));

            String handled = "signaltracker_message_handling_seconds_count{protocol=\"webtorrent\"}";
            PrometheusText after = scrapeUntil(m -> m.samples.getOrDefault(handled, 0.0) >= 1);
            assertEquals(received + 1, after.value("signaltracker_messages_received_total{protocol=\"webtorrent\"}"));
            assertEquals(announces + 1, after.value("signaltracker_webtorrent_requests_total{kind=\"announce\"}"));
            assertEquals(1, after.value("signaltracker_webtorrent_sent_total{kind=\"announce_response\"}"));
            assertEquals(1, after.value("signaltracker_swarms"));
            assertEquals(1, after.value("signaltracker_peers"));
            assertEquals(1, after.value("signaltracker_leechers"));
            assertEquals(0, after.value("signaltracker_seeders"));
            assertEquals(1, after.value("signaltracker_websockets_open"));
            assertTrue(after.value("signaltracker_websockets_opened_total") >= 1);
            assertTrue(after.value("signaltracker_connections_accepted_total") >= 1);
            assertEquals(1, after.value(handled));
            assertEquals(1, after.value(
                    "signaltracker_message_handling_seconds_bucket{protocol=\"webtorrent\",le=\"+Inf\"}"));
            assertTrue(after.value("signaltracker_message_handling_seconds_sum{protocol=\"webtorrent\"}") > 0);
            assertEquals(0, after.value("signaltracker_message_handling_seconds_count{protocol=\"signaling\"}"));
        }
    }

    @Test
    void jvmMemoryAndGcAreExported() throws Exception {
        PrometheusText metrics = scrape();
        assertTrue(metrics.value("jvm_memory_used_bytes{area=\"heap\"}") > 0);
        assertTrue(metrics.types.keySet().stream().anyMatch(name -> name.startsWith("jvm_gc_")),
                "a jvm_gc_ family in " + metrics.types.keySet());
    }

    @Test
    void healthAndUnknownPathsOnTheAdminListener() throws Exception {
        assertEquals("ok\n", AdminHttp.get(SERVER.adminPort(), "/health").body());
        HttpResponse<String> unknown = AdminHttp.get(SERVER.adminPort(), "/announce");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("/metrics"), unknown.body());
    }
}
