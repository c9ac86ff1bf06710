package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets a failure or a close code with a reason; the server and other peers carry on. */
class BadInputOverTheWireTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "websocket.maxFrameBytes = 4096\nwebsocket.maxMessageBytes = 8192\n");

    @Test
    void malformedJsonGetsAFailureAndTheSocketAndOtherPeersCarryOn() throws Exception {
        try (TestClient bad = TestClient.connect(SERVER.uri("/"));
                TestClient good = TestClient.connect(SERVER.uri("/"))) {
            bad.send("{\"action\":\"announce\",");
            Map<String, Object> failure = bad.next();
            assertEquals("announce", failure.get("action"));
            assertTrue(((String) failure.get("failure reason")).startsWith("invalid JSON"));
            bad.send("{\"action\":\"announce\",\"info_hash\":\"" + Wire.id("h") + "\",\"peer_id\":\"\u20ac"
                    + "234567890123456789\"}");
            Map<String, Object> badId = bad.next();
            assertEquals(Wire.id("h"), badId.get("info_hash"));
            assertTrue(((String) badId.get("failure reason")).startsWith("invalid peer_id"));
            bad.send(Wire.announce("h", "bad", "started", 0));
            assertEquals(1L, ((Number) bad.next().get("complete")).longValue(), "the socket still works");
            good.send(Wire.announce("h", "good", "started", 0));
            assertEquals(2L, ((Number) good.next().get("complete")).longValue());
        }
    }

    @Test
    void binaryFrameWithJsonIsServed() throws Exception {
        try (TestClient client = TestClient.connect(SERVER.uri("/"))) {
            client.sendBinary(Wire.scrape("bin").getBytes(StandardCharsets.UTF_8));
            assertEquals("scrape", client.next().get("action"));
        }
    }

    @Test
    void oversizedFrameClosesWith1009() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(SERVER.port())) {
            byte[] big = new byte[5000];
            Arrays.fill(big, (byte) 'x');
            raw.sendFrame(RawWebSocket.TEXT, true, big);
            RawWebSocket.Frame close = raw.readUntilClose();
            assertEquals(1009, close.closeCode());
            assertFalse(close.text().isEmpty(), "a close code comes with a reason");
        }
    }

    @Test
    void oversizedFragmentedMessageClosesWith1009() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(SERVER.port())) {
            byte[] part = new byte[3000];
            Arrays.fill(part, (byte) 'x');
            raw.sendFrame(RawWebSocket.TEXT, false, part);
            raw.sendFrame(RawWebSocket.CONTINUATION, false, part);
            raw.sendFrame(RawWebSocket.CONTINUATION, true, part);
            RawWebSocket.Frame close = raw.readUntilClose();
            assertEquals(1009, close.closeCode());
            assertFalse(close.text().isEmpty(), "a close code comes with a reason");
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(SERVER.port())) {
            raw.sendFrame(RawWebSocket.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            RawWebSocket.Frame close = raw.readUntilClose();
            assertEquals(1007, close.closeCode());
            assertFalse(close.text().isEmpty(), "a close code comes with a reason");
        }
    }

    @Test
    void plainHttpGetsAnExplanationAndHealthAnswers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + SERVER.port());
        // Any path but the HTTP tracker's /announce and /scrape: a WebSocket path for the WebTorrent tracker.
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(base.resolve("/webtorrent")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, plain.statusCode());
        assertTrue(plain.body().contains("WebSocket"));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(base.resolve("/announce"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElse(null), "405 says what is allowed");
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(base.resolve("/health")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, delete.statusCode());
        assertEquals("GET, HEAD", delete.headers().firstValue("allow").orElse(null));
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(base.resolve("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void oversizedHttpRequestsAreRefusedWithTheirStatus() throws Exception {
        assertEquals(413, RawHttp.status(SERVER.port(), "POST /announce HTTP/1.1\r\nHost: t\r\nContent-Length: 20000\r\n\r\n"
                + "x".repeat(20_000)));
        assertEquals(431, RawHttp.status(SERVER.port(), "GET /announce HTTP/1.1\r\nHost: t\r\nX-Big: "
                + "y".repeat(10_000) + "\r\n\r\n"));
        assertEquals(414, RawHttp.status(SERVER.port(), "GET /" + "z".repeat(10_000) + " HTTP/1.1\r\nHost: t\r\n\r\n"));
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SERVER.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "the server carries on");
    }
}
