package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.DslJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /stats.json on the admin listener counts what WebTorrent clients announced, in bittorrent-tracker's
 * shape: a seeder, a leecher, and a third peer id seeding one swarm while leeching another, each named by
 * its Azureus-style peer id prefix; no info hash appears.
 */
class StatsJsonOverTheWireTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    private static final DslJson<Object> JSON = new DslJson<>();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stats() throws Exception {
        HttpResponse<String> response = AdminHttp.get(SERVER.adminPort(), "/stats.json");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertFalse(response.body().contains("stats-swarm"), "no info hash is listed: " + response.body());
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        return JSON.deserialize(Map.class, body, body.length);
    }

    private static long number(Map<String, Object> stats, String name) {
        return ((Number) stats.get(name)).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void seederLeecherAndBothAreCountedByClient() throws Exception {
        Map<String, Object> empty = stats();
        assertEquals(0, number(empty, "torrents"));
        assertEquals(0, number(empty, "peersAll"));

        try (TestClient seeder = TestClient.connect(SERVER.uri("/announce"));
                TestClient leecher = TestClient.connect(SERVER.uri("/announce"));
                TestClient both = TestClient.connect(SERVER.uri("/announce"))) {
            seeder.send(Wire.announce("stats-swarm-a", "-WW0103-seeder", "started", 0));
            seeder.next();
            leecher.send(Wire.announce("stats-swarm-a", "-WW0200-leecher", "started", 100));
            leecher.next();
            both.send(Wire.announce("stats-swarm-a", "-qB4630-both", "started", 0));
            both.next();
            both.send(Wire.announce("stats-swarm-b", "-qB4630-both", "started", 100));
            both.next();

            Map<String, Object> stats = stats();
            assertEquals(2, number(stats, "torrents"));
            assertEquals(2, number(stats, "activeTorrents"));
            assertEquals(3, number(stats, "peersAll"), "distinct peer ids");
            assertEquals(1, number(stats, "peersSeederOnly"));
            assertEquals(1, number(stats, "peersLeecherOnly"));
            assertEquals(1, number(stats, "peersSeederAndLeecher"));
            assertEquals(3, number(stats, "peersIPv4"));
            assertEquals(0, number(stats, "peersIPv6"));
            Map<String, Object> clients = (Map<String, Object>) stats.get("clients");
            assertEquals(Map.of("1.3", 1L, "2.0", 1L), longs((Map<String, Object>) clients.get("WebTorrent")));
            assertEquals(Map.of("4.6.3", 1L), longs((Map<String, Object>) clients.get("qBittorrent")));
            assertTrue(stats.keySet().containsAll(java.util.List.of("torrents", "activeTorrents", "peersAll",
                    "peersSeederOnly", "peersLeecherOnly", "peersSeederAndLeecher", "peersIPv4", "peersIPv6",
                    "clients")), stats.keySet().toString());
        }
    }

    private static Map<String, Long> longs(Map<String, Object> versions) {
        Map<String, Long> out = new java.util.HashMap<>();
        versions.forEach((version, count) -> out.put(version, ((Number) count).longValue()));
        return out;
    }
}
