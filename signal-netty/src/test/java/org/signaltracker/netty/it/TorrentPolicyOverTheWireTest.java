package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.store.StoreException;
import org.signaltracker.core.store.TorrentEntry;
import org.signaltracker.core.store.TorrentStore;

/**
 * database.policy over a real socket, for the three modes: a refused announce gets a failure naming its
 * action and info_hash and the socket stays open for the next one; a refused hash scrapes as zeros; open
 * records every hash seen; a reload changes the mode for the next announce; a change through the admin
 * torrent API applies at once.
 */
class TorrentPolicyOverTheWireTest {

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void registerTwoTorrents() throws Exception {
        file = dir.resolve("policy.db");
        try (TorrentStore store = DatabaseServer.open(file)) {
            store.put(new TorrentEntry(DatabaseServer.hash("listed"), "Listed", null, true), 1_700_000_000L);
            store.put(new TorrentEntry(DatabaseServer.hash("denied"), null, null, false), 1_700_000_000L);
        }
    }

    private static Map<String, Object> announce(TestClient client, String hash, String peer) throws Exception {
        client.send(Wire.announce(hash, peer, "started", 100));
        return client.next();
    }

    private static void assertRefused(Map<String, Object> response, String hash) {
        assertEquals("announce", response.get("action"), response.toString());
        assertEquals(Wire.id(hash), response.get("info_hash"), response.toString());
        assertEquals(TrackerError.TORRENT_NOT_ALLOWED.reason(), response.get("failure reason"));
    }

    private static void assertServed(Map<String, Object> response, String hash) {
        assertNull(response.get("failure reason"), response.toString());
        assertEquals("announce", response.get("action"));
        assertEquals(Wire.id(hash), response.get("info_hash"));
        assertEquals(1L, ((Number) response.get("incomplete")).longValue(), response.toString());
    }

    private static boolean stored(DatabaseServer server, String name) {
        try {
            return server.torrents.store().get(DatabaseServer.hash(name)).isPresent();
        } catch (StoreException e) {
            return false;
        }
    }

    @Test
    void allowListServesOnlyAllowedHashesAndKeepsTheSocketOpen() throws Exception {
        try (DatabaseServer server = new DatabaseServer(file, "allow-list", "", 50);
                TestClient client = TestClient.connect(server.uri())) {
            assertRefused(announce(client, "unlisted", "p1"), "unlisted");
            assertRefused(announce(client, "denied", "p1"), "denied");
            assertServed(announce(client, "listed", "p1"), "listed");
            assertFalse(client.isClosed(), "a refusal never closes the socket");
            assertEquals(1, server.server.core().swarmCount(), "only the listed hash has a swarm");
        }
    }

    @Test
    void denyListRefusesOnlyDeniedHashes() throws Exception {
        try (DatabaseServer server = new DatabaseServer(file, "deny-list", "", 50);
                TestClient client = TestClient.connect(server.uri())) {
            assertRefused(announce(client, "denied", "p1"), "denied");
            assertServed(announce(client, "unlisted", "p1"), "unlisted");
            assertServed(announce(client, "listed", "p1"), "listed");
            assertFalse(client.isClosed());
        }
    }

    @Test
    void openServesEveryHashAndRecordsEachOneSeen() throws Exception {
        try (DatabaseServer server = new DatabaseServer(file, "open", "", 50);
                TestClient client = TestClient.connect(server.uri())) {
            assertServed(announce(client, "denied", "p1"), "denied");
            assertServed(announce(client, "unlisted", "p1"), "unlisted");
            Await.until("the open policy records a hash seen for the first time", Duration.ofSeconds(10),
                    () -> stored(server, "unlisted"));
            assertTrue(server.torrents.store().get(DatabaseServer.hash("unlisted")).get().lastSeenEpochSecond() > 0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedHashScrapesAsZerosBesideAServedOne() throws Exception {
        try (TorrentStore store = DatabaseServer.open(file)) {
            // The denied torrent has downloads stored: a scrape must not tell them.
            store.applyActivity(java.util.List.of(new org.signaltracker.core.store.TorrentActivity(
                    DatabaseServer.hash("denied"), 5, 1_700_000_000L, 1_700_000_000L)), false);
        }
        try (DatabaseServer server = new DatabaseServer(file, "allow-list", "", 50);
                TestClient client = TestClient.connect(server.uri())) {
            announce(client, "listed", "p1");
            client.send(Wire.scrape("listed", "denied"));
            Map<String, Object> files = (Map<String, Object>) client.next().get("files");
            Map<String, Object> listed = (Map<String, Object>) files.get(Wire.id("listed"));
            Map<String, Object> denied = (Map<String, Object>) files.get(Wire.id("denied"));
            assertEquals(1L, ((Number) listed.get("incomplete")).longValue());
            assertEquals(0L, ((Number) denied.get("downloaded")).longValue());
            assertEquals(0L, ((Number) denied.get("incomplete")).longValue());
        }
    }

    @Test
    void aChangeThroughTheAdminApiAppliesAtOnceNotAtTheNextRefresh() throws Exception {
        String token = "policy-admin-token-0123456789";
        String hex = DatabaseServer.hash("newcomer").toHex();
        // An hour between refreshes: only the admin API's change hook can bring the change in time.
        try (DatabaseServer server = new DatabaseServer(file, "allow-list", "admin.token = " + token + "\n",
                3_600_000);
                TestClient client = TestClient.connect(server.uri())) {
            assertRefused(announce(client, "newcomer", "p1"), "newcomer");
            int created = AdminHttp.send(server.adminPort(), "PUT", "/admin/torrents/" + hex, "Bearer " + token,
                    "{\"allowed\":true}").statusCode();
            assertTrue(created == 200 || created == 201, "PUT answered " + created);
            Await.until("the admin API's change reaches the policy", Duration.ofSeconds(10),
                    () -> server.torrents.policy().permits(DatabaseServer.hash("newcomer")));
            assertServed(announce(client, "newcomer", "p1"), "newcomer");
            AdminHttp.send(server.adminPort(), "DELETE", "/admin/torrents/" + hex, "Bearer " + token, null);
            Await.until("the removal reaches the policy", Duration.ofSeconds(10),
                    () -> !server.torrents.policy().permits(DatabaseServer.hash("newcomer")));
            assertRefused(announce(client, "newcomer", "p2"), "newcomer");
        }
    }

    @Test
    void aReloadChangesThePolicyForTheNextAnnounce() throws Exception {
        try (DatabaseServer server = new DatabaseServer(file, "open", "", 50);
                TestClient client = TestClient.connect(server.uri())) {
            assertServed(announce(client, "unlisted", "p1"), "unlisted");
            server.server.live().replace(TrackerServerExtension.config("database.url = sqlite:" + file + "\n"
                    + "database.policy = allow-list\n"));
            assertRefused(announce(client, "unlisted2", "p1"), "unlisted2");
            assertServed(announce(client, "listed", "p1"), "listed");
            assertTrue(ConfigFile.render(server.server.live().current()).contains("database.policy = allow-list"));
        }
    }
}
