package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At {@code limits.maxConnections} the daemon still answers {@code /health} (finding 7 of issue 7): a small
 * reserve of connections beyond the cap may do plain HTTP, and an upgrade over it gets 503 with
 * {@code Retry-After} and a one-line reason. The WebSockets already open are unaffected.
 */
class HealthAtTheCapTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("limits.maxConnections = 2\n");

    private static final String UPGRADE = "GET /announce HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    @Test
    void atTheCapHealthAnswersAndAnUpgradeGets503WithRetryAfter() throws Exception {
        try (TestClient first = TestClient.connect(SERVER.uri("/"));
                TestClient second = TestClient.connect(SERVER.uri("/"))) {
            Await.until("both WebSockets hold their slots", Duration.ofSeconds(5),
                    () -> SERVER.server().connectionLimiter().openConnections() == 2);

            String health = RawHttp.untilClose(SERVER.port(), "GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertTrue(health.startsWith("HTTP/1.1 200 OK"), health);
            assertTrue(health.endsWith("\r\n\r\nok\n"), health);

            String upgrade = RawHttp.untilClose(SERVER.port(), UPGRADE);
            String lower = upgrade.toLowerCase(Locale.ROOT);
            assertTrue(upgrade.startsWith("HTTP/1.1 503 Service Unavailable"), upgrade);
            assertTrue(lower.contains("\r\nretry-after: 10\r\n"), upgrade);
            String reason = upgrade.substring(upgrade.indexOf("\r\n\r\n") + 4);
            assertTrue(reason.startsWith("connection limit 2 reached") && reason.indexOf('\n') == reason.length() - 1,
                    "one line saying why: " + reason);

            assertEquals(2, SERVER.server().connectionLimiter().reserveAdmissions());
            assertEquals(0, SERVER.server().connectionLimiter().refusedConnections());
            assertEquals(1, SERVER.server().httpCounters().upgradesRefused());
            assertEquals(2, SERVER.server().openWebSockets(), "the refused upgrade did not become a WebSocket");
            first.send(Wire.scrape("x"));
            assertEquals("scrape", first.next().get("action"), "the WebSockets at the cap are unaffected");
        }
    }
}
