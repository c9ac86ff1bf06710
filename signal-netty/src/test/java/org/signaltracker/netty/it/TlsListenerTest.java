package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.TlsMetrics.Handshake;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.tls.TestCertificates;

/**
 * The TLS listener beside the plain one (tls.mode = both), on each engine: a wss:// announce round trip,
 * https:// /health and an https:// scrape of the HTTP tracker, the plain listener still serving, plain HTTP on the TLS port closed and counted, and a
 * TLS 1.1 client refused and counted.
 */
class TlsListenerTest {

    @TempDir
    Path dir;

    private SignalTrackerServer server;
    private int plainPort;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpClient start(String engine) throws Exception {
        if (engine.equals("openssl")) {
            Assumptions.assumeTrue(OpenSsl.isAvailable(), () -> "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
        }
        TestCertificates authority = TestCertificates.newAuthority();
        TestCertificates.PemFiles files = TestCertificates.write(authority.issue("tracker-" + engine), dir);
        server = new SignalTrackerServer(TrackerServerExtension.config("tls.mode = both\ntls.port = 0\ntls.engine = "
                + engine + "\n" + files.configLines()), SystemClock.INSTANCE);
        plainPort = server.start().getPort();
        assertEquals(engine, server.tls().engine().name());
        return HttpClient.newBuilder().sslContext(authority.clientContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private int tlsPort() {
        return server.tlsAddress().getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void wssAnnounceRoundTripAndHttpsHealth(String engine) throws Exception {
        HttpClient https = start(engine);
        try (TestClient client = TestClient.connect(https, URI.create("wss://127.0.0.1:" + tlsPort() + "/announce"))) {
            client.send(Wire.announce("tls-swarm", "peer-a", "started", 0));
            Map<String, Object> reply = client.next();
            assertEquals("announce", reply.get("action"), reply.toString());
            assertNotNull(reply.get("interval"), reply.toString());
            client.send(Wire.scrape("tls-swarm"));
            assertEquals("scrape", client.next().get("action"));
        }
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + tlsPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        // The HTTP tracker is served behind TLS too.
        HttpResponse<byte[]> announce = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tlsPort()
                + "/announce?" + TrackerHttp.announce("tls-swarm", "http-seeder", 6881, "started", 0)))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(1800L, Bencode.dict(announce.body()).get("interval"));
        HttpResponse<byte[]> scrape = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tlsPort()
                + "/scrape?info_hash=" + TrackerHttp.id("tls-swarm"))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(Map.of(Wire.id("tls-swarm"), Map.of("complete", 1L, "downloaded", 0L, "incomplete", 0L)),
                Bencode.dict(scrape.body()).get("files"));
        // The plain listener serves the same routes beside it.
        try (TestClient plain = TestClient.connect(URI.create("ws://127.0.0.1:" + plainPort
                + "/announce"))) {
            plain.send(Wire.announce("tls-swarm", "peer-b", "started", 0));
            assertEquals("announce", plain.next().get("action"));
        }
        TlsMetrics tls = server.tlsMetrics();
        Await.until("two handshakes counted", Duration.ofSeconds(5), () -> tls.handshakes(Handshake.COMPLETED) >= 2);
        assertEquals(0, tls.failures());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void plainHttpOnTheTlsPortIsClosedAndCounted(String engine) throws Exception {
        start(engine);
        String answer = RawHttp.untilClose(tlsPort(), "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
        TlsMetrics tls = server.tlsMetrics();
        Await.until("a not-TLS failure counted", Duration.ofSeconds(5), () -> tls.handshakes(Handshake.NOT_TLS) == 1);
        assertEquals(0, tls.handshakes(Handshake.COMPLETED));
    }

    /**
     * The JDK's own client no longer offers TLS 1.1 (jdk.tls.disabledAlgorithms), so the old client is
     * BoringSSL's, which still speaks it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void aTls11ClientIsRefusedAndCounted(String engine) throws Exception {
        Assumptions.assumeTrue(OpenSsl.isAvailable(), "the TLS 1.1 client needs OpenSSL");
        start(engine);
        SslContext tls11 = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols("TLSv1.1")
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // Kept from initChannel: the server refuses at once, and a closed channel's pipeline no longer has it.
        AtomicReference<SslHandler> client = new AtomicReference<>();
        try {
            new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            client.set(tls11.newHandler(ch.alloc(), "127.0.0.1", tlsPort()));
                            ch.pipeline().addLast(client.get(),
                                    new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            ctx.close(); // the refusal, expected; the handshake future has it
                                        }
                                    });
                        }
                    }).connect("127.0.0.1", tlsPort()).sync();
            Future<Channel> handshake = client.get().handshakeFuture();
            assertTrue(handshake.await(5, TimeUnit.SECONDS), "the handshake did not end");
            assertFalse(handshake.isSuccess(), "a TLS 1.1 handshake succeeded");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        TlsMetrics tls = server.tlsMetrics();
        Await.until("a protocol failure counted", Duration.ofSeconds(5),
                () -> tls.handshakes(Handshake.NO_COMMON_PROTOCOL) == 1);
        assertEquals(1, tls.failures());
    }
}
