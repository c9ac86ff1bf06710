package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 002 over real sockets: {@code POST /v1/register} (200 with a signed cookie, 409 taken, 400 invalid
 * or not JSON), {@code GET /v1/user} (200, or 404 clearing the cookie), {@code /v1/connect} (401 before the
 * handshake without a valid cookie), a relay between two {@code /v1} users, a newer connection replacing an
 * older one (4001), and the admin kick (401 without the right bearer token; 4002 for every /v1 connection,
 * {@code /ws} connections untouched).
 */
class RegisterConnectKickTest {

    private static final String ADMIN = "admin-token-0123456789";

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("signaling.adminToken = " + ADMIN + "\n");

    @Test
    void registerConnectRelayReplaceAndKick() throws Exception {
        HttpResponse<String> registered = Signaling.http(SERVER, "POST", "/v1/register", "{\"username\":\"carol\"}");
        assertEquals(200, registered.statusCode());
        String setCookie = registered.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("user_username=carol."), setCookie);
        assertTrue(setCookie.endsWith("; Path=/; HttpOnly; SameSite=Lax"), setCookie);
        String carol = Signaling.cookieOf(registered);
        String dave = Signaling.register(SERVER, "dave");

        assertEquals(409, Signaling.http(SERVER, "POST", "/v1/register", "{\"username\":\"carol\"}").statusCode());
        assertEquals(400, Signaling.http(SERVER, "POST", "/v1/register", "{\"username\":\"no spaces\"}").statusCode());
        assertEquals(400, Signaling.http(SERVER, "POST", "/v1/register", "{}").statusCode());
        assertEquals(400, Signaling.http(SERVER, "POST", "/v1/register", "username=eve").statusCode());
        assertEquals(400, Signaling.http(SERVER, "POST", "/v1/register", "{\"username\":\"eve\"} x").statusCode());
        assertEquals(405, Signaling.http(SERVER, "GET", "/v1/register", null).statusCode());

        HttpResponse<String> user = Signaling.http(SERVER, "GET", "/v1/user", null, "Cookie", carol);
        assertEquals(200, user.statusCode());
        assertEquals(Map.of("username", "carol"), Signaling.json(user.body()));
        HttpResponse<String> forged = Signaling.http(SERVER, "GET", "/v1/user", null, "Cookie",
                carol.replace("carol.", "dave."));
        assertEquals(404, forged.statusCode(), "a cookie cannot be turned into another user's");
        assertEquals("user_username=; Path=/; Max-Age=0", forged.headers().firstValue("Set-Cookie").orElse(""));
        HttpResponse<String> none = Signaling.http(SERVER, "GET", "/v1/user", null);
        assertEquals(404, none.statusCode());
        assertTrue(none.headers().firstValue("Set-Cookie").isEmpty(), "no cookie sent, none cleared");

        assertEquals(401, Signaling.upgradeStatus(SERVER, "/v1/connect"));
        assertEquals(401, Signaling.upgradeStatus(SERVER, "/v1/connect", "Cookie: user_username=carol.forged"));
        assertEquals(400, Signaling.http(SERVER, "GET", "/v1/connect", null, "Cookie", carol).statusCode());

        try (TestClient carolWs = Signaling.connectV1(SERVER, carol, "carol");
                TestClient daveWs = Signaling.connectV1(SERVER, dave, "dave");
                TestClient native1 = Signaling.identified(SERVER, "frank")) {
            carolWs.send("{\"target\":\"dave\",\"type\":\"offer\",\"payload\":{\"sdp\":\"v=0\"},"
                    + "\"originator\":\"mallory\"}");
            Map<String, Object> atDave = daveWs.next();
            assertEquals(Map.of("target", "dave", "type", "offer", "originator", "carol",
                    "payload", Map.of("sdp", "v=0")), atDave);
            daveWs.send("{\"target\":\"carol\",\"type\":\"note\",\"payload\":[1,\"two\",null]}");
            assertEquals(java.util.Arrays.asList(1L, "two", null), carolWs.next().get("payload"));

            daveWs.send("{\"target\":\"ghost\",\"type\":\"offer\",\"payload\":{}}");
            Map<String, Object> offline = daveWs.next();
            assertEquals("error", offline.get("type"));
            assertEquals("ghost", offline.get("target"));
            assertEquals(2201L, Signaling.number(((Map<?, ?>) offline.get("payload")).get("code")));
            daveWs.send("{\"target\":\"carol\",\"payload\":{}}");
            Map<String, Object> noType = daveWs.next();
            assertEquals("error", noType.get("type"));
            assertEquals(2603L, Signaling.number(((Map<?, ?>) noType.get("payload")).get("code")));

            // A second connection for the same user replaces the first.
            try (TestClient daveAgain = TestClient.connect(SERVER.uri("/v1/connect"), dave)) {
                assertEquals(4001, daveWs.closeCode());
                Await.until("the new dave online", TestClient.WAIT,
                        () -> SERVER.server().hub().online("dave") != null);
                carolWs.send("{\"target\":\"dave\",\"type\":\"ping\",\"payload\":1}");
                assertEquals("carol", daveAgain.next().get("originator"));

                assertEquals(401, Signaling.http(SERVER, "POST", "/v1/kick-active-users", null).statusCode());
                assertEquals(401, Signaling.http(SERVER, "POST", "/v1/kick-active-users", null,
                        "Authorization", "Bearer wrong-token-0123456789").statusCode());
                assertEquals(401, Signaling.http(SERVER, "POST", "/v1/kick-active-users", null,
                        "Authorization", "Basic " + ADMIN).statusCode());
                assertFalse(carolWs.isClosed(), "a refused kick kicks nobody");
                HttpResponse<String> kicked = Signaling.http(SERVER, "POST", "/v1/kick-active-users", null,
                        "Authorization", "Bearer " + ADMIN);
                assertEquals(200, kicked.statusCode(), kicked.body());
                assertEquals(2L, Signaling.number(Signaling.json(kicked.body()).get("kicked")));
                assertEquals(4002, carolWs.closeCode());
                assertEquals(4002, daveAgain.closeCode());
            }
            native1.send("{\"type\":\"PRESENCE\",\"peerIds\":[\"frank\",\"carol\"]}");
            assertEquals(Map.of("frank", true, "carol", false), native1.next().get("online"),
                    "the /ws peer stays; kicked users are offline");
            HttpResponse<String> again = Signaling.http(SERVER, "GET", "/v1/kick-active-users", null,
                    "Authorization", "Bearer " + ADMIN);
            assertEquals(0L, Signaling.number(Signaling.json(again.body()).get("kicked")));
        }
    }
}
