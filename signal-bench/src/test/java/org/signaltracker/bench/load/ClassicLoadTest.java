package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;

/**
 * Short, bounded runs of the classic scenarios over real loopback sockets: against the daemon itself (its
 * UDP and HTTP trackers), udp against the stateless batching responder, http-new and http-keepalive
 * against a small HTTP tracker stand-in that either keeps connections or, like opentracker, closes after
 * every answer without saying so.
 */
@Timeout(60)
class ClassicLoadTest {

    /**
     * Runs one scenario for a second and returns its SUMMARY; the run must exit 0. HTTP runs get a second
     * of warm-up first: the first connections of a cold JVM on a busy machine took most of a second.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(Path dir, String... args) throws Exception {
        boolean http = String.join(" ", args).contains("http-");
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--warmupSeconds", http ? "1" : "0", "--durationSeconds", "1", "--histogramLog",
            dir.resolve("classic.hlog").toString()}, 0, all, args.length, 6);
        LoadConfig config = LoadOptions.parse(all);
        return LoadRun.summaryOf(config);
    }

    private static double number(Map<String, Object> summary, String name) {
        return ((Number) summary.get(name)).doubleValue();
    }

    @Test
    void udpAndHttpAgainstTheDaemonAreAnsweredWithoutErrors(@TempDir Path dir) throws Exception {
        SignalTrackerServer server = new SignalTrackerServer(ConfigFile.parse("server.bindAddress = 127.0.0.1\n"
                + "server.port = 0\nadmin.port = 0\nserver.shutdownGraceSeconds = 1\nclassic.http = on\n"
                + "classic.udp = on\nclassic.minAnnounceIntervalSeconds = 0\n"
                // A kept-alive load client asks hundreds of times a second, far past a real client's budget.
                + "limits.messagesPerSecond = 10000000\nlimits.messageBurst = 10000000\n"), SystemClock.INSTANCE);
        int port = server.start().getPort();
        try {
            Map<String, Object> udp = run(dir, "--scenario", "udp", "--url", "udp://127.0.0.1:" + server.udpAddress().getPort(),
                    "--connections", "64", "--udpSockets", "4", "--window", "4", "--weightScrape", "20",
                    "--torrents", "20");
            String report = (String) udp.get("report");
            assertTrue(number(udp, "announceRepliesPerSecond") > 0 && number(udp, "scrapesPerSecond") > 0, report);
            assertEquals(0.0, number(udp, "failuresPerSecond"), "no refusals: " + report);
            assertEquals(0.0, number(udp, "malformedPerSecond"), report);
            assertTrue(number(udp, "peersPerAnnounce") > 1, "64 clients in 20 swarms see each other: " + report);

            Map<String, Object> http = run(dir, "--scenario", "http-keepalive", "--url",
                    "http://127.0.0.1:" + port + "/announce", "--connections", "8", "--weightScrape", "20",
                    "--torrents", "20");
            report = (String) http.get("report");
            assertTrue(number(http, "announceRepliesPerSecond") > 0 && number(http, "scrapesPerSecond") > 0, report);
            assertEquals(0.0, number(http, "failuresPerSecond"), "no refusals: " + report);
            assertEquals(0.0, number(http, "malformedPerSecond"), report);
            assertTrue(number(http, "responsesPerSecond") > 10 * number(http, "tcpConnectsPerSecond"),
                    "the daemon keeps connections alive: " + report);
        } finally {
            server.stop();
            server.awaitStopped();
        }
    }

    @Test
    void udpConnectsAnnouncesAndScrapesAgainstABatchingResponder(@TempDir Path dir) throws Exception {
        UdpStubResponder responder = UdpStubResponder.start("127.0.0.1", 0);
        try {
            Map<String, Object> s = run(dir, "--scenario", "udp", "--url", "udp://127.0.0.1:" + responder.port(),
                    "--connections", "40", "--udpSockets", "4", "--window", "4", "--weightScrape", "20",
                    "--connectionIdSeconds", "1");
            String report = (String) s.get("report");
            assertTrue(number(s, "announceRepliesPerSecond") > 0, report);
            assertTrue(number(s, "scrapesPerSecond") > 0, report);
            assertTrue(number(s, "connectsPerSecond") > 0, "ids live 1 s, so clients connect again: " + report);
            assertEquals(0.0, number(s, "malformedPerSecond"), report);
            assertEquals(0.0, number(s, "unmatchedPerSecond"), report);
            assertEquals(0.0, number(s, "failuresPerSecond"), report);
            assertTrue(number(s, "peersPerAnnounce") > 0 && number(s, "peersPerAnnounce") <= 50, report);
        } finally {
            responder.stop();
        }
    }

    @Test
    void udpCountsTimeoutsWhenNobodyAnswers(@TempDir Path dir) throws Exception {
        // A bound socket that never reads: requests go unanswered (no ICMP either), so they time out.
        try (java.nio.channels.DatagramChannel silent = java.nio.channels.DatagramChannel.open()
                .bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            LoadConfig config = LoadOptions.parse(new String[] {"--scenario", "udp", "--url", "udp://127.0.0.1:" + port,
                "--connections", "4", "--udpSockets", "1", "--timeoutMillis", "100", "--warmupSeconds", "0",
                "--durationSeconds", "1", "--histogramLog", dir.resolve("t.hlog").toString()});
            LoadRun.Captured run = LoadRun.capture(config);
            String report = run.report();
            assertEquals(ClassicLoad.EXIT_NO_ANSWERS, run.exit(), report);
            assertTrue(report.contains("\"timeoutsPerSecond\":") && !report.contains("\"timeoutsPerSecond\":0.000"), report);
        }
    }

    @Test
    void httpNewConnectionPerRequest(@TempDir Path dir) throws Exception {
        try (HttpStandIn tracker = new HttpStandIn(false)) {
            Map<String, Object> s = run(dir, "--scenario", "http-new", "--url",
                    "http://127.0.0.1:" + tracker.port() + "/announce", "--connections", "8", "--sourceAddresses", "3",
                    "--weightScrape", "20");
            String report = (String) s.get("report");
            assertTrue(number(s, "announceRepliesPerSecond") > 0 && number(s, "scrapesPerSecond") > 0, report);
            assertEquals(0.0, number(s, "malformedPerSecond"), report);
            assertEquals(number(s, "responsesPerSecond"), number(s, "tcpConnectsPerSecond"),
                    Math.max(2, number(s, "responsesPerSecond") * 0.05), "one connection per answer: " + report);
            assertTrue(number(s, "peersPerAnnounce") > 0.9, report);
            assertTrue(tracker.sources.get() > 1, "connections came from several 127.0.0.x");
        }
    }

    @Test
    void httpKeepAliveReusesConnectionsAndCopesWithATrackerThatClosesThem(@TempDir Path dir) throws Exception {
        try (HttpStandIn keeps = new HttpStandIn(false); HttpStandIn closes = new HttpStandIn(true)) {
            Map<String, Object> kept = run(dir, "--scenario", "http-keepalive", "--url",
                    "http://127.0.0.1:" + keeps.port() + "/announce", "--connections", "4");
            String report = (String) kept.get("report");
            assertTrue(number(kept, "responsesPerSecond") > 10 * number(kept, "tcpConnectsPerSecond"), report);
            assertEquals(0.0, number(kept, "closedAfterAnswerPerSecond"), report);
            assertEquals(0.0, number(kept, "malformedPerSecond"), report);

            Map<String, Object> closed = run(dir, "--scenario", "http-keepalive", "--url",
                    "http://127.0.0.1:" + closes.port() + "/announce", "--connections", "4");
            report = (String) closed.get("report");
            assertTrue(number(closed, "responsesPerSecond") > 0, report);
            assertTrue(number(closed, "closedAfterAnswerPerSecond") > 0, report);
            assertEquals(0.0, number(closed, "malformedPerSecond"), report);
        }
    }

    /**
     * A tracker stand-in: answers /announce with one compact peer and /scrape with an empty files
     * dictionary (Content-Length set, HTTP/1.1, no Connection header); with {@code closeAfterAnswer} it
     * closes after every answer without saying so, as opentracker does.
     */
    private static final class HttpStandIn implements AutoCloseable {
        private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel server;
        final AtomicInteger sources = new AtomicInteger();
        private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

        HttpStandIn(boolean closeAfterAnswer) throws InterruptedException {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (seen.add(ch.remoteAddress().getAddress().getHostAddress())) {
                                sources.incrementAndGet();
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                            QueryStringDecoder query = new QueryStringDecoder(request.uri());
                                            byte[] body = query.path().equals("/scrape")
                                                    ? "d5:filesdee".getBytes(StandardCharsets.US_ASCII)
                                                    : "d8:intervali1800e5:peers6:\u007f\0\0\u0001\u0004\u0000e"
                                                            .getBytes(StandardCharsets.ISO_8859_1);
                                            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                    HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
                                            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                            var written = ctx.writeAndFlush(response);
                                            if (closeAfterAnswer) {
                                                written.addListener(ChannelFutureListener.CLOSE);
                                            }
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) server.localAddress()).getPort();
        }

        @Override
        public void close() {
            server.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
