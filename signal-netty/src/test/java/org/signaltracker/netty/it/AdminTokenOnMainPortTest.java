package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.config.AdminConfig;
import org.signaltracker.core.config.SignalTrackerConfig;

/**
 * On the main port, /metrics and /stats.json exist only behind admin.token: 404 without a token configured,
 * 401 without or with a wrong bearer token, 200 with the right one; a reload changes the token at once.
 * With admin.listener = off no admin port is opened.
 */
class AdminTokenOnMainPortTest {

    private static final String TOKEN = "a-long-scrape-token-0123456789";

    @RegisterExtension
    static final TrackerServerExtension WITH_TOKEN = new TrackerServerExtension(
            "admin.listener = off\nadmin.token = " + TOKEN + "\n");

    @RegisterExtension
    static final TrackerServerExtension WITHOUT_TOKEN = new TrackerServerExtension("");

    @Test
    void withoutATokenTheMainPortHasNoAdminRoutes() throws Exception {
        assertEquals(404, AdminHttp.get(WITHOUT_TOKEN.port(), "/metrics").statusCode());
        assertEquals(404, AdminHttp.get(WITHOUT_TOKEN.port(), "/stats.json", "Bearer " + TOKEN).statusCode());
        assertEquals(200, AdminHttp.get(WITHOUT_TOKEN.adminPort(), "/metrics").statusCode(), "the admin port has");
    }

    @Test
    void aWrongOrMissingTokenGets401() throws Exception {
        HttpResponse<String> missing = AdminHttp.get(WITH_TOKEN.port(), "/metrics");
        assertEquals(401, missing.statusCode());
        assertEquals("Bearer realm=\"signal-tracker admin\"", missing.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, AdminHttp.get(WITH_TOKEN.port(), "/metrics", "Bearer wrong-token-0123456789").statusCode());
        assertEquals(401, AdminHttp.get(WITH_TOKEN.port(), "/stats.json", "Basic " + TOKEN).statusCode());
    }

    @Test
    void theRightTokenGetsMetricsAndStats() throws Exception {
        HttpResponse<String> metrics = AdminHttp.get(WITH_TOKEN.port(), "/metrics", "Bearer " + TOKEN);
        assertEquals(200, metrics.statusCode());
        PrometheusText.parse(metrics.body()).value("signaltracker_connections_open");
        HttpResponse<String> stats = AdminHttp.get(WITH_TOKEN.port(), "/stats.json", "bearer " + TOKEN);
        assertEquals(200, stats.statusCode());
        assertTrue(stats.body().startsWith("{\"torrents\":"), stats.body());
        assertEquals("ok\n", AdminHttp.get(WITH_TOKEN.port(), "/health").body(), "the main port's own /health");
    }

    @Test
    void aReloadReplacesTheToken() throws Exception {
        String next = "the-next-scrape-token-987654321";
        WITH_TOKEN.server().live().replace(withToken(next));
        try {
            assertEquals(401, AdminHttp.get(WITH_TOKEN.port(), "/metrics", "Bearer " + TOKEN).statusCode());
            assertEquals(200, AdminHttp.get(WITH_TOKEN.port(), "/metrics", "Bearer " + next).statusCode());
        } finally {
            WITH_TOKEN.server().live().replace(withToken(TOKEN));
        }
    }

    private static SignalTrackerConfig withToken(String token) {
        SignalTrackerConfig c = WITH_TOKEN.server().live().current();
        AdminConfig a = c.admin();
        return new SignalTrackerConfig(c.server(), c.webSocket(), c.tracker(), c.limits(), c.signaling(), c.log(),
                c.access(), c.database(), new AdminConfig(a.listener(), a.bindAddress(), a.port(), token), c.tls(),
                c.classic());
    }

    @Test
    void listenerOffOpensNoAdminPort() {
        assertNull(WITH_TOKEN.server().adminAddress());
    }
}
