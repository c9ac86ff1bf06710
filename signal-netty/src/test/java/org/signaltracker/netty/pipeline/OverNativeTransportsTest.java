package org.signaltracker.netty.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.http.HttpTrackerDispatcher;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.http.HttpCounters;
import org.signaltracker.netty.http.HttpRoutes;
import org.signaltracker.netty.http.HttpTrackerRoute;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/**
 * What the listener does for the kernel on the native transports, over real sockets on 127.0.0.1: on epoll the
 * first read asked for before registration ({@link ReadOnRegistration}; io_uring and NIO connections pass it
 * unchanged), and on epoll and io_uring the last answer corked so that it leaves with the FIN (the HTTP
 * routes, through {@code FinWithAnswer}).
 */
class OverNativeTransportsTest {

    private static final long TIMEOUT_SECONDS = 10;

    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(), clock, metrics);
    private final WebSocketConfig webSocket = WebSocketConfig.defaults();
    private MultiThreadIoEventLoopGroup loops;
    private Channel listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void anAcceptedConnectionGetsItsFirstReadWithAutoReadOffBeforeItsPipelineAsks() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the native transport is what this is about");
        CompletableFuture<String> firstRead = new CompletableFuture<>();
        CompletableFuture<Boolean> autoReadThen = new CompletableFuture<>();
        int port = listen("epoll", new ChannelInboundHandlerAdapter() {
            // Never asks for a read itself: whatever arrives was asked for before registration.
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                autoReadThen.complete(ctx.channel().config().isAutoRead());
                firstRead.complete(bytes.toString(StandardCharsets.US_ASCII));
                bytes.release();
                ctx.writeAndFlush(Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
            }
        });
        try (Socket client = connect(port)) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", firstRead.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertFalse(autoReadThen.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "one read at a time from the start");
            byte[] answer = client.getInputStream().readNBytes(2);
            assertEquals("ok", new String(answer, StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"nio", "io_uring"})
    void elsewhereTheAcceptedConnectionPassesUnchanged(String transport) throws Exception {
        CompletableFuture<Boolean> autoReadAtInit = new CompletableFuture<>();
        boolean uring = transport.equals("io_uring");
        if (uring) {
            assumeIoUring();
        }
        loops = new MultiThreadIoEventLoopGroup(1, uring ? IoUringIoHandler.newFactory() : NioIoHandler.newFactory());
        listener = new ServerBootstrap().group(loops)
                .channel(uring ? IoUringServerSocketChannel.class : NioServerSocketChannel.class)
                .handler(new ReadOnRegistration())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        autoReadAtInit.complete(channel.config().isAutoRead());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        try (Socket client = connect(port)) {
            assertTrue(autoReadAtInit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "Netty's default, untouched");
        }
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"epoll", "io_uring"})
    void anAnswerFollowedByCloseIsCorkedSoThatItLeavesWithTheFin(String transport) throws Exception {
        assumeNative(transport);
        CompletableFuture<Boolean> corkedWhenWritten = new CompletableFuture<>();
        int port = listenWithTracker(transport, corkedWhenWritten);
        try (Socket client = connect(port)) {
            client.getOutputStream().write(announce("close").getBytes(StandardCharsets.US_ASCII));
            String all = readToEnd(client.getInputStream());
            assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
            assertTrue(all.contains("Connection: close\r\n"), all);
            assertTrue(all.endsWith("e"), "the whole bencoded answer before the end of the stream: " + all);
            assertTrue(corkedWhenWritten.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "corked before the answer");
        }
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"epoll", "io_uring"})
    void aKeptAliveAnswerIsNotCorked(String transport) throws Exception {
        assumeNative(transport);
        CompletableFuture<Boolean> corkedWhenWritten = new CompletableFuture<>();
        int port = listenWithTracker(transport, corkedWhenWritten);
        try (Socket client = connect(port)) {
            client.getOutputStream().write(announce("keep-alive").getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertFalse(head.contains("Connection: close"), head);
            assertFalse(corkedWhenWritten.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the next answer must not wait");
        }
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"epoll", "io_uring"})
    void anAnswerWithAPipelinedRequestBehindItIsNotCorkedAndArrivesWhole(String transport) throws Exception {
        assumeNative(transport);
        CompletableFuture<Boolean> corkedWhenWritten = new CompletableFuture<>();
        int port = listenWithTracker(transport, corkedWhenWritten);
        try (Socket client = connect(port)) {
            // Two requests in one write: the first says close, so the second is left unread at the close, which
            // then resets the connection; a corked answer would be thrown away with the reset.
            client.getOutputStream().write((announce("close") + announce("close")).getBytes(StandardCharsets.US_ASCII));
            String head = readHead(client.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertFalse(corkedWhenWritten.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "input was left unread");
        }
    }

    @ParameterizedTest(name = "transport {0}")
    @ValueSource(strings = {"epoll", "io_uring"})
    void aRefusalWithInputLeftUnreadIsNotCorkedAndArrives(String transport) throws Exception {
        assumeNative(transport);
        CompletableFuture<Boolean> corkedWhenWritten = new CompletableFuture<>();
        int port = listenWithTracker(transport, corkedWhenWritten);
        try (Socket client = connect(port)) {
            // A header far over the decoder's limit: refused and closed with most of it unread, which resets
            // the connection; a corked refusal would be thrown away with the reset.
            client.getOutputStream().write(("GET /announce HTTP/1.1\r\nHost: t\r\nX-Long: " + "x".repeat(20_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = readHead(client.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 431 ") || head.startsWith("HTTP/1.1 400 "), head);
            assertFalse(corkedWhenWritten.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "a refusal is never corked");
        }
    }

    private int listenWithTracker(String transport, CompletableFuture<Boolean> corkedWhenWritten)
            throws ConfigException, InterruptedException {
        SignalTrackerConfig config = ConfigFile.parse("limits.messagesPerSecond = 1000000\nlimits.messageBurst = 1000000\n");
        HttpTrackerRoute httpTracker = new HttpTrackerRoute(() -> new HttpTrackerDispatcher(core, config.classic(),
                config.limits(), metrics, clock), config);
        LoopResourceTable resources = new LoopResourceTable(
                () -> new WebTorrentDispatcher(core, TrackerConfig.defaults(), metrics, clock), webSocket,
                new HeldBytesBudget(64L << 20));
        ConnectionLimiter limiter = new ConnectionLimiter(0);
        TrackerChannelInitializer stages = new TrackerChannelInitializer(webSocket, limiter,
                new WebSocketUpgrade(webSocket, metrics, resources), limiter, new HttpCounters(),
                HttpRoutes.tracker().httpTracker(httpTracker));
        ChannelOption<Boolean> cork = transport.equals("io_uring") ? IoUringChannelOption.TCP_CORK
                : EpollChannelOption.TCP_CORK;
        return listen(transport, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                // First in the pipeline, so it sees the answer last, as it goes to the socket.
                channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                        corkedWhenWritten.complete(ctx.channel().config().getOption(cork));
                        ctx.write(msg, promise);
                    }
                }, stages);
            }
        });
    }

    private static void assumeNative(String transport) {
        if (transport.equals("io_uring")) {
            assumeIoUring();
        } else {
            assumeTrue(Epoll.isAvailable(), () -> "NOT TESTED: native epoll unavailable: " + Epoll.unavailabilityCause());
        }
    }

    private static void assumeIoUring() {
        assumeTrue(IoUring.isAvailable(), () -> "NOT TESTED: io_uring unavailable on this kernel: "
                + IoUring.unavailabilityCause());
    }

    /**
     * An epoll or io_uring listener on 127.0.0.1 with {@link ReadOnRegistration} before the acceptor, as the
     * daemon has it.
     */
    private int listen(String transport, ChannelHandler child) throws InterruptedException {
        boolean uring = transport.equals("io_uring");
        IoHandlerFactory handlers = uring ? IoUringIoHandler.newFactory() : EpollIoHandler.newFactory();
        Class<? extends ServerChannel> channel = uring ? IoUringServerSocketChannel.class
                : EpollServerSocketChannel.class;
        loops = new MultiThreadIoEventLoopGroup(1, handlers);
        listener = new ServerBootstrap().group(loops).channel(channel)
                .handler(new ReadOnRegistration()).childHandler(child)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private static Socket connect(int port) throws IOException {
        Socket client = new Socket("127.0.0.1", port);
        client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return client;
    }

    private static String announce(String connection) {
        return "GET /announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-ST0001-aaaaaaaaaaaa&port=6881&left=0&compact=1"
                + " HTTP/1.1\r\nHost: t\r\nConnection: " + connection + "\r\n\r\n";
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status line and headers, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
