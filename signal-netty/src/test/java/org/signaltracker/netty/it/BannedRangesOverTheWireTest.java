package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.access.AccessRefusal;

/**
 * {@code access.bannedRanges} and {@code access.bannedRangesFile}: a banned TCP peer is closed at accept
 * without a byte; a banned client named by a trusted proxy gets 403 for any request; and a reload that bans
 * an address with an open WebSocket refuses its new connections while the open one keeps working.
 */
class BannedRangesOverTheWireTest {

    private static final String BASE = "access.trustedProxies = 127.0.0.1\n";

    private static final String BANNED = BASE + "access.bannedRanges = 127.0.0.9, 198.51.100.0/24\n";

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(BANNED);

    @Test
    void bannedPeersAreClosedAtAcceptAndBannedForwardedClientsGet403() throws Exception {
        long bannedClients = SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_CLIENT);
        long bannedPeers = SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_PEER);
        try (AddressedClient banned = AddressedClient.connectOnly("127.0.0.9", SERVER.port())) {
            assertTrue(banned.closedWithoutAResponse());
        }
        Await.until("the banned peer is counted", Duration.ofSeconds(5),
                () -> SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_PEER) == bannedPeers + 1);

        try (AddressedClient forwarded = AddressedClient.upgrade("127.0.0.1", SERVER.port(), "/announce",
                "X-Forwarded-For: 198.51.100.20\r\n")) {
            assertEquals(403, forwarded.status());
            assertEquals(AccessRefusal.BANNED_CLIENT.reason + "\n", forwarded.bodyUntilClose());
        }
        try (AddressedClient health = AddressedClient.request("127.0.0.1", SERVER.port(),
                "GET /health HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 198.51.100.21\r\n\r\n")) {
            assertEquals(403, health.status(), "a banned client is refused whatever it asks");
        }
        try (AddressedClient proxied = AddressedClient.upgrade("127.0.0.1", SERVER.port(), "/announce",
                "X-Forwarded-For: 203.0.113.5\r\n")) {
            assertEquals(101, proxied.status(), "the proxy itself and its other clients are served");
        }
        assertEquals(bannedClients + 2, SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_CLIENT));
    }

    @Test
    void aReloadedBanRefusesNewConnectionsAndKeepsOpenOnes(@TempDir Path dir) throws Exception {
        try (AddressedClient open = AddressedClient.upgrade("127.0.0.10", SERVER.port(), "/announce", "");
                AddressedClient openForwarded = AddressedClient.upgrade("127.0.0.1", SERVER.port(), "/announce",
                        "X-Forwarded-For: 192.0.2.44\r\n")) {
            assertEquals(101, open.status());
            assertEquals(101, openForwarded.status());
            long before = SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_PEER);

            Path file = dir.resolve("banned.txt");
            Files.writeString(file, "# banned by a script\n127.0.0.10\n192.0.2.0/24\n");
            SERVER.server().live().replace(TrackerServerExtension.config(BASE
                    + "access.bannedRangesFile = " + file + "\n"));

            try (AddressedClient again = AddressedClient.connectOnly("127.0.0.10", SERVER.port())) {
                assertTrue(again.closedWithoutAResponse(), "a new connection from the banned peer");
            }
            try (AddressedClient againForwarded = AddressedClient.upgrade("127.0.0.1", SERVER.port(), "/announce",
                    "X-Forwarded-For: 192.0.2.45\r\n")) {
                assertEquals(403, againForwarded.status());
            }
            Await.until("the new connection was refused at accept", Duration.ofSeconds(5),
                    () -> SERVER.server().accessMetrics().refusals(AccessRefusal.BANNED_PEER) == before + 1);
            assertTrue(open.scrapes(), "the WebSocket opened before the ban still works");
            assertTrue(openForwarded.scrapes());
            try (AddressedClient unbanned = AddressedClient.upgrade("127.0.0.9", SERVER.port(), "/announce", "")) {
                assertEquals(101, unbanned.status(), "the reloaded config no longer bans 127.0.0.9");
            }
        } finally {
            SERVER.server().live().replace(TrackerServerExtension.config(BANNED));
        }
    }
}
