package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.DatabaseConfig;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.StoredTorrent;
import org.signaltracker.core.store.TorrentQuery;
import org.signaltracker.core.store.TorrentStore;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.torrents.TorrentApi;
import org.signaltracker.store.TorrentStores;

/**
 * The torrent admin API over real sockets, on the admin listener and on the main port: 404 on both without
 * a configured token, 401 without or with a wrong one, the routes with the right one; each bad input's 400
 * and its reason; and the change hook the in-memory policy follows.
 */
class TorrentAdminApiTest {

    private static final String TOKEN = "torrent-admin-token-0123456789";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "1111111111111111111111111111111111111111";
    private static final String C = "2222222222222222222222222222222222222222";

    @TempDir
    static Path dir;
    private static TorrentStore store;
    private static SignalTrackerServer withToken;
    private static SignalTrackerServer withoutToken;
    private static int mainPort;
    private static int adminPort;
    private static int withoutTokenMainPort;
    private static final AtomicInteger CHANGES = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        store = TorrentStores.open(new DatabaseConfig("sqlite:" + dir.resolve("torrents.db"), "", "", 4, 10));
        withToken = server("admin.token = " + TOKEN + "\n");
        withToken.onTorrentsChanged(CHANGES::incrementAndGet);
        mainPort = withToken.start().getPort();
        adminPort = withToken.adminAddress().getPort();
        withoutToken = server("");
        withoutTokenMainPort = withoutToken.start().getPort();
    }

    private static SignalTrackerServer server(String lines) throws Exception {
        SignalTrackerServer server = new SignalTrackerServer(TrackerServerExtension.config(lines), SystemClock.INSTANCE);
        TorrentApi.addTo(server.adminRoutes(), store, server::torrentsChanged, () -> server.live().current().admin().token());
        return server;
    }

    @AfterAll
    static void stop() {
        withToken.stop();
        withoutToken.stop();
        store.close();
    }

    @BeforeEach
    void empty() throws Exception {
        for (StoredTorrent t : store.list(TorrentQuery.firstPage(TorrentQuery.MAX_LIMIT)).torrents()) {
            store.remove(t.infoHash());
        }
    }

    private static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        return AdminHttp.send(port, method, path, BEARER, body);
    }

    private static void assertRefused(int status, String reason, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("{\"error\":\"" + reason + "\"}\n", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void withoutAConfiguredTokenTheRoutesDoNotExistOnEitherPort() throws Exception {
        for (int port : new int[] {withoutTokenMainPort, withoutToken.adminAddress().getPort()}) {
            assertEquals(404, AdminHttp.send(port, "GET", "/admin/torrents", null, null).statusCode());
            assertEquals(404, AdminHttp.send(port, "PUT", "/admin/torrents/" + A, BEARER, "{}").statusCode());
        }
        assertTrue(store.get(InfoHash.parseHex(A)).isEmpty());
    }

    @Test
    void aMissingOrWrongTokenGets401OnBothPorts() throws Exception {
        for (int port : new int[] {mainPort, adminPort}) {
            HttpResponse<String> missing = AdminHttp.send(port, "GET", "/admin/torrents", null, null);
            assertEquals(401, missing.statusCode());
            assertEquals("Bearer realm=\"signal-tracker admin\"", missing.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, AdminHttp.send(port, "PUT", "/admin/torrents/" + A, "Bearer wrong-token-000000000", "{}")
                    .statusCode());
            assertEquals(401, AdminHttp.send(port, "DELETE", "/admin/torrents/" + A, "Basic " + TOKEN, null).statusCode());
        }
        assertTrue(store.get(InfoHash.parseHex(A)).isEmpty(), "nothing was written");
    }

    @Test
    void putGetListDeleteWithTheRightTokenOnBothPorts() throws Exception {
        for (int port : new int[] {mainPort, adminPort}) {
            int changesBefore = CHANGES.get();
            HttpResponse<String> created = send(port, "PUT", "/admin/torrents/" + A.toUpperCase(),
                    "{\"name\":\"Big Buck Bunny\",\"comment\":\"CC-BY\",\"allowed\":false}");
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().startsWith("{\"infoHash\":\"" + A + "\",\"name\":\"Big Buck Bunny\",\"comment\":\"CC-BY\","
                    + "\"allowed\":false,\"addedAt\":"), created.body());
            assertEquals(changesBefore + 1, CHANGES.get(), "a change reaches the server's hook at once");
            HttpResponse<String> replaced = send(port, "PUT", "/admin/torrents/" + A, "{\"allowed\":true}");
            assertEquals(200, replaced.statusCode());
            assertTrue(replaced.body().contains("\"name\":null,\"comment\":null,\"allowed\":true"), replaced.body());
            HttpResponse<String> got = send(port, "GET", "/admin/torrents/" + A, null);
            assertEquals(200, got.statusCode());
            assertEquals(replaced.body(), got.body());
            assertTrue(send(port, "GET", "/admin/torrents", null).body().startsWith("{\"torrents\":[{\"infoHash\":\"" + A));
            assertEquals(204, send(port, "DELETE", "/admin/torrents/" + A, null).statusCode());
            assertEquals(changesBefore + 3, CHANGES.get());
            assertRefused(404, "unknown info hash " + A, send(port, "GET", "/admin/torrents/" + A, null));
            assertRefused(404, "unknown info hash " + A, send(port, "DELETE", "/admin/torrents/" + A, null));
            assertEquals(changesBefore + 3, CHANGES.get(), "no change, no call");
        }
    }

    @Test
    void listPagesAndFilters() throws Exception {
        send(adminPort, "PUT", "/admin/torrents/" + A, "{\"name\":\"Sintel\"}");
        send(adminPort, "PUT", "/admin/torrents/" + B, "{\"name\":\"Tears of Steel\",\"allowed\":false}");
        send(adminPort, "PUT", "/admin/torrents/" + C, "{\"name\":\"Sintel trailer\"}");
        HttpResponse<String> first = send(mainPort, "GET", "/admin/torrents?limit=2", null);
        assertEquals(200, first.statusCode());
        assertTrue(first.body().contains("\"infoHash\":\"" + A) && first.body().contains("\"infoHash\":\"" + B)
                && first.body().endsWith("],\"next\":\"" + B + "\"}\n"), first.body());
        HttpResponse<String> second = send(mainPort, "GET", "/admin/torrents?limit=2&after=" + B, null);
        assertTrue(second.body().startsWith("{\"torrents\":[{\"infoHash\":\"" + C)
                && second.body().endsWith("],\"next\":null}\n"), second.body());
        String denied = send(adminPort, "GET", "/admin/torrents?allowed=false", null).body();
        assertTrue(denied.contains(B) && !denied.contains(A) && !denied.contains(C), denied);
        String sintel = send(adminPort, "GET", "/admin/torrents?name=sintel&allowed=true", null).body();
        assertTrue(sintel.contains(A) && sintel.contains(C) && !sintel.contains(B), sintel);
    }

    @Test
    void badInputGets400WithItsReason() throws Exception {
        for (int port : new int[] {mainPort, adminPort}) {
            assertRefused(400, "info hash: 39 characters (expected: 40 hex digits)",
                    send(port, "GET", "/admin/torrents/" + A.substring(1), null));
            assertRefused(400, "info hash: not hex (expected: 40 hex digits)",
                    send(port, "PUT", "/admin/torrents/" + "z" + A.substring(1), "{}"));
            assertRefused(400, "unknown field 'allow' (expected: name, comment, allowed)",
                    send(port, "PUT", "/admin/torrents/" + A, "{\"allow\":true}"));
            assertRefused(400, "body: malformed JSON at byte 9", send(port, "PUT", "/admin/torrents/" + A, "{\"name\": }"));
            assertRefused(400, "allowed: true or false expected", send(port, "PUT", "/admin/torrents/" + A, "{\"allowed\":1}"));
            assertRefused(400, "limit: 0 (expected: 1..1000)", send(port, "GET", "/admin/torrents?limit=0", null));
            assertRefused(400, "limit: 'ten' (expected: 1..1000)", send(port, "GET", "/admin/torrents?limit=ten", null));
            assertRefused(400, "allowed: 'yes' (expected: true or false)", send(port, "GET", "/admin/torrents?allowed=yes", null));
            assertRefused(400, "info hash: 3 characters (expected: 40 hex digits)", send(port, "GET", "/admin/torrents?after=abc", null));
            assertRefused(400, "unknown parameter 'offset' (expected: after, limit, allowed, name)",
                    send(port, "GET", "/admin/torrents?offset=5", null));
            assertRefused(405, "method POST not allowed (/admin/torrents/HEX serves GET, HEAD, PUT, DELETE)",
                    send(port, "POST", "/admin/torrents/" + A, "{}"));
            assertRefused(405, "method DELETE not allowed (/admin/torrents serves GET, HEAD)",
                    send(port, "DELETE", "/admin/torrents", null));
            assertRefused(404, "no such path (expected: /admin/torrents/HEX)",
                    send(port, "GET", "/admin/torrents/" + A + "/peers", null));
        }
        assertRefused(400, "body: 20000 bytes (expected: at most 16384)",
                send(adminPort, "PUT", "/admin/torrents/" + A, "{\"name\":\"" + "n".repeat(19989) + "\"}"));
        assertEquals(413, send(mainPort, "PUT", "/admin/torrents/" + A, "{\"name\":\"" + "n".repeat(19989) + "\"}")
                .statusCode(), "the main port's 8 KiB request limit comes first there");
        assertTrue(store.get(InfoHash.parseHex(A)).isEmpty(), "no bad request wrote anything");
    }

    @Test
    void onlyThePathAndWhatLiesBelowItAreTheApi() throws Exception {
        assertEquals(404, send(adminPort, "GET", "/admin/torrentsX", null).statusCode());
        assertEquals(404, send(adminPort, "GET", "/admin", null).statusCode());
        assertEquals(400, send(mainPort, "GET", "/admin/torrentsX", null).statusCode(), "the tracker's plain-GET answer");
        assertEquals(200, send(mainPort, "HEAD", "/admin/torrents", null).statusCode());
    }

    @Test
    void otherAdminRoutesStayOnTheListenerWithoutAToken() throws Exception {
        assertEquals(200, AdminHttp.get(adminPort, "/metrics").statusCode());
        assertEquals(405, AdminHttp.send(adminPort, "PUT", "/metrics", null, "{}").statusCode());
    }
}
