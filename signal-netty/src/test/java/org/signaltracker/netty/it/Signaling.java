package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** What the signaling tests share: HTTP calls to the daemon, upgrade statuses, and the native handshake. */
final class Signaling {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Signaling() {
    }

    /** One HTTP request; {@code headers} alternate name and value. */
    static HttpResponse<String> http(TrackerServerExtension server, String method, String path, String body,
            String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a WebSocket upgrade request on {@code pathAndQuery}; 101 when it is accepted. */
    static int upgradeStatus(TrackerServerExtension server, String pathAndQuery, String... extraHeaderLines)
            throws IOException {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        return RawHttp.status(server.port(), request.append("\r\n").toString());
    }

    /** A {@code /ws} client identified as {@code name}. */
    static TestClient identified(TrackerServerExtension server, String name) throws Exception {
        TestClient client = TestClient.connect(server.uri("/ws"));
        client.send("{\"type\":\"IDENTIFY\",\"username\":\"" + name + "\"}");
        Map<String, Object> reply = client.next();
        assertEquals("AUTH_SUCCESS", reply.get("type"), reply.toString());
        assertEquals(name, reply.get("username"));
        return client;
    }

    /** The {@code user_username=...} pair of a register response's {@code Set-Cookie}. */
    static String cookieOf(HttpResponse<String> registered) {
        String setCookie = registered.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** Registers {@code name} and returns its cookie pair. */
    static String register(TrackerServerExtension server, String name) throws Exception {
        HttpResponse<String> response = http(server, "POST", "/v1/register", "{\"username\":\"" + name + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return cookieOf(response);
    }

    /**
     * A {@code /v1/connect} client for {@code cookie}, once the server has it online: a client learns of its
     * 101 a moment before the server's open step has run on the connection's loop, and {@code /v1} has no
     * greeting to wait for.
     */
    static TestClient connectV1(TrackerServerExtension server, String cookie, String name) throws Exception {
        TestClient client = TestClient.connect(server.uri("/v1/connect"), cookie);
        Await.until(name + " online", TestClient.WAIT, () -> {
            var conn = server.server().hub().online(name);
            return conn != null && !conn.isGone();
        });
        return client;
    }

    static Map<String, Object> json(String text) {
        return TestClient.parse(text);
    }

    /** A JSON number as the test's JSON reader gives it, as a long. */
    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
