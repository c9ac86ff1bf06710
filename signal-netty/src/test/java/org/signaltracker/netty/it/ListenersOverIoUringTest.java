package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.uring.IoUring;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.tls.TestCertificates;

/**
 * Every listener on {@code server.transport = io_uring}, over real sockets on 127.0.0.1, in the default test
 * run (the whole suite runs on io_uring with {@code -Dsignal.test.transport=io_uring}): HTTP tracker announces
 * answered and closed ({@code Connection: close}, the answer corked to leave with the FIN), kept alive, behind a
 * pipelined request, and a scrape; an oversized header refused; WebSocket announces with an offer relayed
 * between two peers, and frames sent in the same write as the upgrade request; the UDP tracker for two
 * clients (its datagrams on loops of their own beside io_uring's, {@code Transport.datagrams()}); and the TLS
 * listener. Skipped, saying why, on a kernel without io_uring.
 */
class ListenersOverIoUringTest {

    @TempDir
    static Path dir;

    private static SignalTrackerServer server;
    private static HttpClient https;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(IoUring.isAvailable(), () -> "NOT TESTED: io_uring is unavailable here, so the io_uring transport "
                + "is not exercised on this machine: " + IoUring.unavailabilityCause());
        TestCertificates authority = TestCertificates.newAuthority();
        TestCertificates.PemFiles files = TestCertificates.write(authority.issue("tracker-io-uring"), dir);
        // No min interval, so that a UDP peer's re-announce is answered with the other peer at once.
        server = new SignalTrackerServer(TrackerServerExtension.config("server.transport = io_uring\n"
                + "classic.minAnnounceIntervalSeconds = 0\ntls.mode = both\ntls.port = 0\n" + files.configLines()),
                SystemClock.INSTANCE);
        port = server.start().getPort();
        https = HttpClient.newBuilder().sslContext(authority.clientContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theServerRunsOnIoUring() {
        assertEquals("io_uring", server.transport().name(), server.transport().reason());
        assertEquals(port, server.udpAddress().getPort(), "the UDP tracker on the main port's number");
    }

    @Test
    void anAnnounceWithConnectionCloseArrivesWholeAndThenTheStreamEnds() throws Exception {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(announceRequest("http-close", "peer-close", "close"));
            // Everything up to the end of the stream: a missing FIN fails on the socket's timeout.
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            String head = text.substring(0, bodyStart);
            assertEquals("close", RawHttp.headerOf(head, "Connection"), head);
            byte[] body = Arrays.copyOfRange(all, bodyStart, all.length);
            assertEquals(Integer.parseInt(RawHttp.headerOf(head, "Content-Length")), body.length,
                    "the whole bencoded answer before the end of the stream: " + text);
            assertEquals(1800L, Bencode.dict(body).get("interval"), text);
        }
    }

    @Test
    void aRequestPipelinedBehindACloseAnswerLeavesThatAnswerWholeAndIsNotAnswered() throws Exception {
        try (Socket socket = connect(port)) {
            ByteArrayOutputStream two = new ByteArrayOutputStream();
            two.writeBytes(announceRequest("http-pipelined", "peer-first", "close"));
            two.writeBytes(announceRequest("http-pipelined", "peer-second", "keep-alive"));
            socket.getOutputStream().write(two.toByteArray());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertEquals("close", RawHttp.headerOf(head, "Connection"), head);
            byte[] body = new byte[Integer.parseInt(RawHttp.headerOf(head, "Content-Length"))];
            in.readFully(body);
            assertEquals(1800L, Bencode.dict(body).get("interval"));
            // Closed with the second request unread: the end of the stream, or the reset that unread input causes.
            assertTrue(endsWithoutMore(in), "the request behind the close was answered");
        }
    }

    @Test
    void keptAliveAnnouncesAndAScrapeShareOneConnection() throws Exception {
        try (TrackerHttp client = new TrackerHttp("127.0.0.1", port)) {
            client.get("/announce?" + TrackerHttp.announce("http-kept", "seeder", 6881, "started", 0));
            assertEquals(200, client.status());
            assertNotEquals("close", client.header("Connection"));
            assertEquals(1800L, client.dict().get("interval"));
            client.get("/announce?" + TrackerHttp.announce("http-kept", "leecher", 6882, "started", 100));
            assertEquals(200, client.status());
            assertEquals(1L, client.dict().get("complete"));
            assertEquals(1L, client.dict().get("incomplete"));
            client.get("/scrape?info_hash=" + TrackerHttp.id("http-kept"));
            assertEquals(200, client.status());
            assertEquals(Map.of(Wire.id("http-kept"), Map.of("complete", 1L, "downloaded", 0L, "incomplete", 1L)),
                    client.dict().get("files"));
        }
    }

    @Test
    void anOversizedHeaderIsRefusedWithAReasonAndTheConnectionCloses() throws Exception {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(("GET /announce HTTP/1.1\r\nHost: t\r\nX-Big: " + "y".repeat(10_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertEquals(431, RawHttp.statusOf(head), head);
            byte[] reason = new byte[Integer.parseInt(RawHttp.headerOf(head, "Content-Length"))];
            in.readFully(reason);
            assertTrue(reason.length > 1, "a refusal says why: " + head);
            assertTrue(endsWithoutMore(in), "the connection stays open after the refusal");
        }
    }

    @Test
    void aWebSocketOfferIsRelayedToTheOtherPeerAndItsAnswerBack() throws Exception {
        try (TestClient seeder = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/announce"));
                TestClient leecher = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/announce"))) {
            seeder.send(Wire.announce("ws-uring", "seeder", "started", 0));
            assertEquals(1L, ((Number) seeder.next().get("complete")).longValue());
            leecher.send(Wire.announceWithOffer("ws-uring", "leecher", "started", "offer-1", "v=0 offer"));
            assertEquals(1L, ((Number) leecher.next().get("incomplete")).longValue());
            Map<String, Object> offer = seeder.next();
            assertEquals(Wire.id("leecher"), offer.get("peer_id"), offer.toString());
            assertEquals(Wire.id("offer-1"), offer.get("offer_id"), offer.toString());
            assertEquals("v=0 offer", ((Map<?, ?>) offer.get("offer")).get("sdp"), offer.toString());
            seeder.send(Wire.answer("ws-uring", "seeder", "leecher", "offer-1", "v=0 answer"));
            Map<String, Object> answer = leecher.next();
            assertEquals(Wire.id("seeder"), answer.get("peer_id"), answer.toString());
            assertEquals("v=0 answer", ((Map<?, ?>) answer.get("answer")).get("sdp"), answer.toString());
        }
    }

    /**
     * The 101's write completes on io_uring only after the read that brought the request has ended: the frames
     * that came with it wait for the session and are answered then, not dropped.
     */
    @Test
    void framesSentInTheSameWriteAsTheUpgradeRequestAreAnswered() throws Exception {
        UpgradeWithFramesInTheSameWriteTest.assertFramesBehindTheUpgradeAreAnswered(port);
    }

    @Test
    void twoUdpClientsConnectAnnounceSeeEachOtherAndScrape() throws Exception {
        InetSocketAddress tracker = new InetSocketAddress("127.0.0.1", server.udpAddress().getPort());
        try (UdpClient a = new UdpClient("127.0.0.2", tracker); UdpClient b = new UdpClient("127.0.0.3", tracker)) {
            assertNotEquals(a.connect(), 0L);
            b.connect();
            ByteBuffer first = a.announce("udp-uring", "peer-a", 2, 1000, 6881);
            assertEquals(1, first.getInt(0));
            assertEquals(1800, first.getInt(8));
            ByteBuffer second = b.announce("udp-uring", "peer-b", 2, 0, 6882);
            assertEquals(20 + 6, second.remaining(), "peer-a in the answer");
            assertArrayEquals(new byte[] {127, 0, 0, 2, 0x1A, (byte) 0xE1}, Arrays.copyOfRange(second.array(), 20, 26));
            ByteBuffer again = a.announce("udp-uring", "peer-a", 0, 1000, 6881);
            assertArrayEquals(new byte[] {127, 0, 0, 3, 0x1A, (byte) 0xE2}, Arrays.copyOfRange(again.array(), 20, 26));
            assertArrayEquals(new int[] {1, 0, 1}, b.scrape("udp-uring"));
        }
    }

    @Test
    void theTlsListenerServesWssAndHttpsAnnounces() throws Exception {
        int tlsPort = server.tlsAddress().getPort();
        try (TestClient client = TestClient.connect(https, URI.create("wss://127.0.0.1:" + tlsPort + "/announce"))) {
            client.send(Wire.announce("tls-uring", "peer-a", "started", 0));
            Map<String, Object> reply = client.next();
            assertEquals("announce", reply.get("action"), reply.toString());
            assertNotNull(reply.get("interval"), reply.toString());
            HttpResponse<byte[]> announce = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + tlsPort + "/announce?" + TrackerHttp.announce("tls-uring", "http-peer", 6881, "started", 0)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, announce.statusCode());
            assertEquals(2L, Bencode.dict(announce.body()).get("complete"), "the wss peer and this one, both seeding");
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] announceRequest(String torrent, String peer, String connection) {
        return ("GET /announce?" + TrackerHttp.announce(torrent, peer, 6881, "started", 0) + " HTTP/1.1\r\nHost: t\r\n"
                + "Connection: " + connection + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The status line and headers, up to the empty line; fails at the end of the stream. */
    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    /** Whether the server closed without sending anything more: the end of the stream, or a reset. */
    private static boolean endsWithoutMore(InputStream in) {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }
}
