package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.access.AccessRefusal;
import org.signaltracker.core.config.SignalTrackerConfig;

/**
 * {@code access.allowedOrigins} and {@code access.missingOrigin} on upgrades, tracker and signaling alike:
 * a listed Origin (exact or by wildcard) upgrades, another gets 403 with its reason and no
 * {@code Retry-After}, and a reload that empties the list and allows a missing Origin applies to the next
 * upgrade.
 */
class OriginAllowListOverTheWireTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "access.allowedOrigins = https://tracker.example, https://*.apps.example\naccess.missingOrigin = refuse\n");

    private static AddressedClient upgrade(String path, String origin) throws Exception {
        return AddressedClient.upgrade("127.0.0.1", SERVER.port(), path,
                origin == null ? "" : "Origin: " + origin + "\r\n");
    }

    @Test
    void listedOriginsUpgradeOthersGet403AndAReloadChangesTheRules() throws Exception {
        try (AddressedClient ok = upgrade("/announce", "https://tracker.example");
                AddressedClient wild = upgrade("/ws", "https://player.apps.example")) {
            assertEquals(101, ok.status(), ok.head());
            assertEquals(101, wild.status(), wild.head());
            assertTrue(ok.scrapes());
        }
        try (AddressedClient evil = upgrade("/announce", "https://evil.example")) {
            assertEquals(403, evil.status());
            assertNull(evil.header("Retry-After"), "a 403 is not worth retrying");
            assertEquals(AccessRefusal.ORIGIN_NOT_ALLOWED.reason + "\n", evil.bodyUntilClose());
        }
        try (AddressedClient none = upgrade("/announce", null)) {
            assertEquals(403, none.status());
            assertEquals(AccessRefusal.ORIGIN_MISSING.reason + "\n", none.bodyUntilClose());
        }
        assertEquals(1, SERVER.server().accessMetrics().refusals(AccessRefusal.ORIGIN_NOT_ALLOWED));
        assertEquals(1, SERVER.server().accessMetrics().refusals(AccessRefusal.ORIGIN_MISSING));

        SignalTrackerConfig reloaded = TrackerServerExtension.config("access.missingOrigin = allow\n");
        SERVER.server().live().replace(reloaded);
        try (AddressedClient none = upgrade("/announce", null);
                AddressedClient evil = upgrade("/announce", "https://evil.example")) {
            assertEquals(101, none.status(), "missing Origin allowed after the reload");
            assertEquals(101, evil.status(), "and the list is empty: any Origin");
        }
    }
}
