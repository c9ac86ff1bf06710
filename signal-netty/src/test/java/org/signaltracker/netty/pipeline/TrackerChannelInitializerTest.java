package org.signaltracker.netty.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.FRAME_DECODER;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.FRAME_ENCODER;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_AGGREGATOR;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_DECODER;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_ENCODER;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_FLOW;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_ROUTES;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.TRACKER;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
import org.signaltracker.netty.http.SocketStandIn;
import org.signaltracker.netty.http.UpgradeAdmission;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/** The pipeline in order, before and after the upgrade, and one message through every real stage. */
class TrackerChannelInitializerTest {


    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(), clock, metrics);
    private final WebSocketConfig webSocket = WebSocketConfig.defaults();
    private final LoopResourceTable loops = new LoopResourceTable(
            () -> new WebTorrentDispatcher(core, TrackerConfig.defaults(), metrics, clock), webSocket,
            new HeldBytesBudget(64L << 20));
    private final HttpCounters httpCounters = new HttpCounters();
    private final SocketStandIn socket = new SocketStandIn();
    private final EmbeddedChannel channel = connect(new ConnectionLimiter(0), socket);

    /** A connection as the server makes it: the stand-in for the socket first, then the initializer. */
    private EmbeddedChannel connect(ConnectionLimiter limiter, SocketStandIn socket) {
        EmbeddedChannel connection = new EmbeddedChannel(false, true, socket, new TrackerChannelInitializer(webSocket,
                limiter, new WebSocketUpgrade(webSocket, metrics, loops), limiter, httpCounters));
        try {
            connection.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return connection;
    }

    /** A connection to a port that also serves the HTTP tracker, with a request budget a test does not exhaust. */
    private EmbeddedChannel connectToHttpTracker(SocketStandIn socket) throws ConfigException {
        return connectToHttpTracker(socket, new ConnectionLimiter(0));
    }

    private EmbeddedChannel connectToHttpTracker(SocketStandIn socket, UpgradeAdmission admission)
            throws ConfigException {
        SignalTrackerConfig config = ConfigFile.parse("limits.messagesPerSecond = 1000000\nlimits.messageBurst = 1000000\n");
        HttpTrackerRoute httpTracker = new HttpTrackerRoute(() -> new HttpTrackerDispatcher(core, config.classic(),
                config.limits(), metrics, clock), config);
        ConnectionLimiter limiter = new ConnectionLimiter(0);
        EmbeddedChannel connection = new EmbeddedChannel(false, true, socket, new TrackerChannelInitializer(webSocket,
                limiter, new WebSocketUpgrade(webSocket, metrics, loops), admission, httpCounters,
                HttpRoutes.tracker().httpTracker(httpTracker)));
        try {
            connection.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return connection;
    }

    private static final String ANNOUNCE = "GET /announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-ST0001-aaaaaaaaaaaa"
            + "&port=6881&left=0&compact=1 HTTP/1.1\r\nHost: t\r\n\r\n";

    /** Every stage but the embedded channel's own tail and the stand-in for the socket. */
    private List<String> stages() {
        return stages(channel);
    }

    private static List<String> stages(EmbeddedChannel channel) {
        return channel.pipeline().names().stream().filter(name -> !name.startsWith("DefaultChannelPipeline$") && !name.startsWith("SocketStandIn")).toList();
    }

    private ByteBuf drainOutbound() {
        return drainOutbound(channel);
    }

    private static ByteBuf drainOutbound(EmbeddedChannel channel) {
        channel.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    private static final String UPGRADE_REQUEST = "GET /announce HTTP/1.1\r\nHost: tracker\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final String SCRAPE = "{\"action\":\"scrape\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\"}";

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private void upgrade() {
        channel.writeInbound(ascii(UPGRADE_REQUEST));
        ByteBuf response = drainOutbound();
        String head = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
    }

    /** A masked client text frame (payload under 126 bytes). */
    private static ByteBuf clientTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteBuf frame = Unpooled.buffer().writeByte(0x81).writeByte(0x80 | payload.length).writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    @Test
    void aConnectionStartsLeanReadingOneRequestAtATime() {
        assertEquals(List.of(HTTP_DECODER, HTTP_ROUTES), stages());
        assertFalse(channel.config().isAutoRead(), "HTTP is read one request at a time");
        assertEquals(1, socket.reads(), "the first request is asked for");
    }

    @Test
    void aRequestOtherThanATrackerGetAddsTheFullStagesTopToBottom() {
        channel.writeInbound(ascii("GET /health HTTP/1.1\r\nHost: t\r\n\r\n"));
        ByteBuf out = drainOutbound();
        String head = out.toString(StandardCharsets.US_ASCII);
        out.release();
        assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
        assertTrue(head.endsWith("ok\n"), head);
        assertEquals(List.of(HTTP_ENCODER, HTTP_DECODER, HTTP_FLOW, HTTP_AGGREGATOR, HTTP_ROUTES), stages());
        assertTrue(socket.reads() > 1, "the next request is asked for once the answer is written");
    }

    @Test
    void trackerGetsAreAnsweredOnTheLeanPipeline() throws ConfigException {
        SocketStandIn tracked = new SocketStandIn();
        EmbeddedChannel connection = connectToHttpTracker(tracked);
        for (int i = 1; i <= 3; i++) {
            int readsBefore = tracked.reads();
            connection.writeInbound(ascii(ANNOUNCE));
            ByteBuf out = drainOutbound(connection);
            String all = out.toString(StandardCharsets.ISO_8859_1);
            out.release();
            assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
            assertTrue(all.contains("8:intervali1800e"), all);
            assertEquals(List.of(HTTP_DECODER, HTTP_ROUTES), stages(connection));
            assertTrue(tracked.reads() > readsBefore, "each next request is asked for once the answer is written");
        }
        assertTrue(connection.isOpen(), "kept alive");
        connection.close();
    }

    @Test
    void aKeptAliveTrackerConnectionOutlivesTheHandshakeTimeoutUntilIdleForTheKeepAliveTime() throws ConfigException {
        EmbeddedChannel connection = connectToHttpTracker(new SocketStandIn());
        connection.writeInbound(ascii(ANNOUNCE));
        drainOutbound(connection).release();
        connection.advanceTimeBy(10, TimeUnit.SECONDS);
        connection.runScheduledPendingTasks();
        assertTrue(connection.isOpen(), "kept alive past websocket.handshakeTimeoutSeconds (10)");
        // The idle time counts from the answer: 30 s, classic.httpKeepAliveSeconds.
        connection.advanceTimeBy(19, TimeUnit.SECONDS);
        connection.runScheduledPendingTasks();
        assertTrue(connection.isOpen(), "29 s after the answer");
        connection.advanceTimeBy(2, TimeUnit.SECONDS);
        connection.runScheduledPendingTasks();
        assertFalse(connection.isOpen(), "closed once idle for 30 s");
    }

    @Test
    void aTrackerConnectionThatNeverSendsARequestIsClosedAtTheHandshakeTimeout() throws ConfigException {
        EmbeddedChannel connection = connectToHttpTracker(new SocketStandIn());
        connection.advanceTimeBy(9_999, TimeUnit.MILLISECONDS);
        connection.runScheduledPendingTasks();
        assertTrue(connection.isOpen());
        connection.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        connection.runScheduledPendingTasks();
        assertFalse(connection.isOpen());
    }

    @Test
    void pipelinedTrackerGetsWaitInFlowControlWhileAnAnswerWaitsForTheClient() throws ConfigException {
        SocketStandIn tracked = new SocketStandIn();
        EmbeddedChannel connection = connectToHttpTracker(tracked);
        tracked.holdWrites();
        connection.writeInbound(ascii(ANNOUNCE.repeat(50)));
        assertEquals(1, tracked.heldWrites(), "one answer, then nothing until the client reads it");
        assertEquals(1, httpCounters.responsesAwaitingClient());
        assertEquals(List.of(HTTP_ENCODER, HTTP_DECODER, HTTP_FLOW, HTTP_AGGREGATOR, HTTP_ROUTES), stages(connection));
        int readsBefore = tracked.reads();
        connection.pipeline().fireChannelReadComplete();
        assertEquals(readsBefore, tracked.reads(), "no more bytes are read from the socket meanwhile");
        tracked.releaseWrites();
        ByteBuf out = drainOutbound(connection);
        String all = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        assertEquals(50, all.split("HTTP/1.1 200 OK", -1).length - 1, "the requests already read are answered in order");
        assertEquals(0, httpCounters.responsesAwaitingClient());
        connection.close();
    }

    @Test
    void aRefusedTrackerGetOnALeanConnectionGetsTheRefusalAndIsClosed() throws ConfigException {
        UpgradeAdmission refusesEveryRequest = new UpgradeAdmission() {
            @Override
            public Refusal refusal(Channel channel) {
                return null;
            }

            @Override
            public Refusal requestRefusal(Channel channel, HttpRequest request) {
                return new Refusal(HttpResponseStatus.FORBIDDEN, "banned here", 0);
            }
        };
        EmbeddedChannel connection = connectToHttpTracker(new SocketStandIn(), refusesEveryRequest);
        connection.writeInbound(ascii(ANNOUNCE));
        ByteBuf out = drainOutbound(connection);
        String all = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        assertTrue(all.startsWith("HTTP/1.1 403 Forbidden"), all);
        assertTrue(all.endsWith("banned here\n"), all);
        assertFalse(connection.isOpen(), "closed after the refusal");
    }

    @Test
    void aTrackerGetWithABodyTakesTheFullStagesAndIsAnsweredAsBefore() throws ConfigException {
        SocketStandIn tracked = new SocketStandIn();
        EmbeddedChannel connection = connectToHttpTracker(tracked);
        String withBody = ANNOUNCE.replace("Host: t\r\n", "Host: t\r\nContent-Length: 3\r\n");
        connection.writeInbound(ascii(withBody + "abc"));
        ByteBuf out = drainOutbound(connection);
        String all = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
        assertTrue(all.contains("8:intervali1800e"), all);
        assertEquals(List.of(HTTP_ENCODER, HTTP_DECODER, HTTP_FLOW, HTTP_AGGREGATOR, HTTP_ROUTES), stages(connection));
        connection.close();
    }

    @Test
    void upgradeLeavesTheFrameCodecAndTheTrackerSessionOnlyReadingByItself() {
        upgrade();
        assertEquals(List.of(FRAME_ENCODER, FRAME_DECODER, TRACKER), stages());
        assertEquals(1, loops.openWebSockets(), "the session joined once the 101 was written");
        assertTrue(channel.config().isAutoRead(), "the session reads for itself and pauses for back-pressure");
    }

    @Test
    void framesSentRightAfterTheUpgradeRequestInTheSameReadAreNotLost() {
        ByteBuf together = ascii(UPGRADE_REQUEST);
        ByteBuf frames = clientTextFrame(SCRAPE);
        together.writeBytes(frames);
        frames.release();
        channel.writeInbound(together);
        ByteBuf out = drainOutbound();
        try {
            String all = out.toString(StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.1 101"), all);
            assertTrue(all.contains("{\"action\":\"scrape\""), "the scrape sent with the upgrade is answered: " + all);
        } finally {
            out.release();
        }
        assertEquals(1, metrics.scrapes.sum());
        assertEquals(List.of(FRAME_ENCODER, FRAME_DECODER, TRACKER), stages());
    }

    @Test
    void pipelinedRequestsAreAnsweredOneAtATimeAsTheClientReads() {
        socket.holdWrites();
        channel.writeInbound(ascii("GET /health HTTP/1.1\r\nHost: t\r\n\r\n".repeat(200)));
        assertEquals(1, socket.heldWrites(), "one response, then nothing until the client reads it");
        assertEquals(1, httpCounters.responses());
        int readsBefore = socket.reads();
        channel.pipeline().fireChannelReadComplete();
        assertEquals(readsBefore, socket.reads(), "no more bytes are read from the socket meanwhile");
        socket.releaseWrites();
        assertEquals(200, httpCounters.responses(), "the requests already read are answered as the client reads");
        ByteBuf out = drainOutbound();
        String all = out.toString(StandardCharsets.US_ASCII);
        out.release();
        assertEquals(200, all.split("HTTP/1.1 200 OK", -1).length - 1);
    }

    @Test
    void aBodySpreadOverSeveralReadsIsStillAggregatedWithAutoReadOff() {
        channel.writeInbound(ascii("POST /health HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc"));
        assertEquals(0, httpCounters.responses());
        int readsBefore = socket.reads();
        channel.pipeline().fireChannelReadComplete();
        assertTrue(socket.reads() > readsBefore, "the rest of the body is asked for");
        channel.writeInbound(ascii("defghij"));
        ByteBuf out = drainOutbound();
        String head = out.toString(StandardCharsets.US_ASCII);
        out.release();
        assertTrue(head.startsWith("HTTP/1.1 405"), head);
        assertTrue(head.contains("allow: GET, HEAD"), head);
    }

    @Test
    void aConnectionInTheHealthReserveAnswersHealthButGets503ForAnUpgrade() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 1);
        assertTrue(limiter.admit(new EmbeddedChannel()), "the one regular connection");
        EmbeddedChannel reserve = connect(limiter, new SocketStandIn());
        reserve.writeInbound(ascii("GET /health HTTP/1.1\r\nHost: t\r\n\r\n" + UPGRADE_REQUEST));
        reserve.runPendingTasks();
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part = reserve.readOutbound(); part != null; part = reserve.readOutbound()) {
            out.writeBytes(part);
            part.release();
        }
        String all = out.toString(StandardCharsets.US_ASCII);
        out.release();
        assertTrue(all.startsWith("HTTP/1.1 200 OK"), all);
        assertTrue(all.contains("HTTP/1.1 503 Service Unavailable"), all);
        assertTrue(all.contains("retry-after: "), all);
        assertTrue(all.contains("connection limit 1 reached"), all);
        assertFalse(reserve.isOpen());
        assertEquals(0, loops.openWebSockets());
        assertTrue(limiter.admit(new EmbeddedChannel()), "the reserve slot is free again once that connection closed");
        assertFalse(connect(limiter, new SocketStandIn()).isOpen(),
                "beyond the cap and the reserve a connection is closed at once");
    }

    @Test
    void anUpgradeWithoutAKeyIsRefusedWith400AndClosed() {
        String request = "GET /announce HTTP/1.1\r\nHost: tracker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ByteBuf response = drainOutbound();
        String head = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(head.startsWith("HTTP/1.1 400"), head);
        assertTrue(!channel.isOpen());
        assertEquals(0, loops.openWebSockets());
    }

    @Test
    void aMessageTravelsThroughEveryStageAndBack() {
        upgrade();
        channel.writeInbound(clientTextFrame(SCRAPE));
        ByteBuf out = drainOutbound();
        try {
            assertEquals(0x81, out.readUnsignedByte(), "one final, unmasked text frame");
            int length = out.readUnsignedByte();
            if (length == 126) {
                length = out.readUnsignedShort();
            }
            String reply = out.readCharSequence(length, StandardCharsets.UTF_8).toString();
            assertTrue(reply.startsWith("{\"action\":\"scrape\""), reply);
            assertEquals(0, out.readableBytes());
        } finally {
            out.release();
        }
        assertEquals(1, metrics.scrapes.sum());
    }

    @Test
    void anUnsupportedWebSocketVersionGets426NamingTheSupportedOne() {
        String request = "GET /announce HTTP/1.1\r\nHost: tracker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ByteBuf response = drainOutbound();
        String head = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(head.startsWith("HTTP/1.1 426"), head);
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-version: 13"), head);
        assertEquals(0, loops.openWebSockets());
    }
}
