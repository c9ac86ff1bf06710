package org.signaltracker.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpRouteHandlerTest {

    private final List<FullHttpRequest> upgrades = new ArrayList<>();
    private final HttpCounters counters = new HttpCounters();
    private UpgradeAdmission admission = UpgradeAdmission.ANY;

    private HttpRouteHandler routes() {
        return new HttpRouteHandler(this::upgrade, channel -> admission.refusal(channel), counters, 10);
    }

    /** Stands in for the WebSocket upgrade: keeps the request and replaces the routes, as a handshake does. */
    private void upgrade(ChannelHandlerContext routes, FullHttpRequest request,
            org.signaltracker.netty.websocket.UpgradeTarget target) {
        upgrades.add(request);
        routes.pipeline().replace(routes.handler(), "session", new ChannelInboundHandlerAdapter());
    }

    private static FullHttpRequest upgradeRequest() {
        FullHttpRequest upgrade = request(HttpMethod.GET, "/any/path?x=1");
        upgrade.headers().set(HttpHeaderNames.UPGRADE, "WebSocket");
        upgrade.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, Upgrade");
        return upgrade;
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    }

    private static FullHttpResponse exchange(EmbeddedChannel channel, FullHttpRequest request) {
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertEquals(0, request.refCnt(), "the handler must release the request it answers");
        return response;
    }

    private static String body(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    @Test
    void healthAnswers200WithOkAndKeepsTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpResponse response = exchange(channel, request(HttpMethod.GET, "/health?probe=1"));
        assertEquals(200, response.status().code());
        assertEquals("text/plain; charset=utf-8", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("ok\n", body(response));
        assertTrue(channel.isOpen(), "HTTP/1.1 keep-alive is honoured");
        FullHttpResponse head = exchange(channel, request(HttpMethod.HEAD, "/health"));
        assertEquals(200, head.status().code());
        assertEquals("3", head.headers().get(HttpHeaderNames.CONTENT_LENGTH), "the length a GET would get");
        assertEquals("", body(head), "a HEAD response has no body");
        assertEquals(2, counters.responses());
    }

    @Test
    void plainGetOnAnyOtherPathGets400ExplainingTheEndpoint() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpResponse response = exchange(channel, request(HttpMethod.GET, "/some/announce/url"));
        assertEquals(400, response.status().code());
        assertEquals(HttpRouteHandler.NOT_A_WEBSOCKET, body(response));
    }

    @Test
    void theHttpTrackersPathsAre404WhenItIsOff() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        for (String uri : new String[] {"/announce", "/announce?info_hash=x", "/scrape", "/scrape?info_hash=x"}) {
            FullHttpResponse response = exchange(channel, request(HttpMethod.GET, uri));
            assertEquals(404, response.status().code(), uri);
            assertEquals(HttpRoutes.HTTP_TRACKER_OFF, body(response));
        }
        assertTrue(channel.isOpen());
    }

    @Test
    void otherMethodsGet405WithTheMethodsThatPathAllows() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpResponse post = exchange(channel, request(HttpMethod.POST, "/announce"));
        assertEquals(405, post.status().code());
        assertEquals("GET", post.headers().get(HttpHeaderNames.ALLOW), "only the WebSocket upgrade is served there");
        post.release();
        FullHttpResponse delete = exchange(channel, request(HttpMethod.DELETE, "/health?x"));
        assertEquals(405, delete.status().code());
        assertEquals("GET, HEAD", delete.headers().get(HttpHeaderNames.ALLOW));
        delete.release();
        assertTrue(channel.isOpen());
    }

    @Test
    void connectionCloseRequestIsAnsweredAndClosed() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpRequest request = request(HttpMethod.GET, "/health");
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        assertEquals(200, exchange(channel, request).status().code());
        assertFalse(channel.isOpen());
    }

    @Test
    void malformedRequestGets400AndClose() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpRequest request = request(HttpMethod.GET, "/");
        request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("bad header")));
        assertEquals(400, exchange(channel, request).status().code());
        assertFalse(channel.isOpen());
    }

    @Test
    void oversizedRequestLineAndHeadersGetTheirOwnStatus() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpRequest longLine = request(HttpMethod.GET, "/");
        longLine.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException("line too long")));
        assertEquals(414, exchange(channel, longLine).status().code());
        EmbeddedChannel other = new EmbeddedChannel(routes());
        FullHttpRequest longHeader = request(HttpMethod.GET, "/");
        longHeader.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("header too long")));
        assertEquals(431, exchange(other, longHeader).status().code());
    }

    @Test
    void upgradeRequestOnAnyPathGoesToTheUpgraderWithItsOwnership() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpRequest upgrade = upgradeRequest();
        channel.writeInbound(upgrade);
        assertEquals(List.of(upgrade), upgrades);
        assertEquals(1, upgrade.refCnt(), "ownership passes on with the request");
        assertNull(channel.readOutbound(), "nothing is answered here");
        upgrade.release();
    }

    @Test
    void anUpgradeThatIsNotAGetIsRefusedWith405() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpRequest post = request(HttpMethod.POST, "/announce");
        post.headers().set(HttpHeaderNames.UPGRADE, "websocket");
        post.headers().set(HttpHeaderNames.CONNECTION, "Upgrade");
        FullHttpResponse response = exchange(channel, post);
        assertEquals(405, response.status().code());
        assertEquals("GET", response.headers().get(HttpHeaderNames.ALLOW));
        response.release();
        assertTrue(upgrades.isEmpty());
    }

    @Test
    void anUpgradeTheAdmissionRefusesGetsItsStatusRetryAfterAndAReasonThenClose() {
        admission = channel -> new UpgradeAdmission.Refusal(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "connection limit reached", 7);
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpResponse response = exchange(channel, upgradeRequest());
        assertEquals(503, response.status().code());
        assertEquals("7", response.headers().get(HttpHeaderNames.RETRY_AFTER));
        assertEquals("connection limit reached\n", body(response));
        assertTrue(upgrades.isEmpty(), "the handshake is never attempted");
        assertFalse(channel.isOpen());
        assertEquals(1, counters.upgradesRefused());
    }

    @Test
    void admissionsAreAskedInOrderAndTheFirstRefusalWins() {
        UpgradeAdmission.Refusal memory = new UpgradeAdmission.Refusal(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "memory", 1);
        UpgradeAdmission.Refusal other = new UpgradeAdmission.Refusal(HttpResponseStatus.TOO_MANY_REQUESTS,
                "other", 2);
        EmbeddedChannel channel = new EmbeddedChannel();
        assertNull(UpgradeAdmission.all(List.of(UpgradeAdmission.ANY, UpgradeAdmission.ANY)).refusal(channel));
        assertEquals(memory, UpgradeAdmission.all(List.of(UpgradeAdmission.ANY, c -> memory, c -> other))
                .refusal(channel));
    }

    @Test
    void aConnectionStillOnHttpIsClosedAfterTheHandshakeTimeout() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        channel.advanceTimeBy(9, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
    }

    /** A channel that, like the server's, does not read by itself; {@code handlers} see channelActive. */
    private static EmbeddedChannel notAutoReading(io.netty.channel.ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel(false, true, handlers);
        channel.config().setAutoRead(false);
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return channel;
    }

    @Test
    void theNextRequestIsReadOnlyOnceThePreviousResponseHasReachedTheSocket() {
        SocketStandIn socket = new SocketStandIn();
        EmbeddedChannel channel = notAutoReading(socket, routes());
        assertEquals(1, socket.reads(), "the first request is asked for when the connection opens");
        socket.holdWrites();
        channel.writeInbound(request(HttpMethod.GET, "/health"));
        assertEquals(1, socket.heldWrites());
        assertEquals(1, counters.responsesAwaitingClient());
        channel.pipeline().fireChannelReadComplete();
        assertEquals(1, socket.reads(), "nothing more is read while the response waits for its client");
        socket.releaseWrites();
        assertEquals(2, socket.reads(), "the next request is asked for once the response is written");
        assertEquals(0, counters.responsesAwaitingClient());
        channel.pipeline().fireChannelReadComplete();
        assertEquals(3, socket.reads(), "a read that brought no whole request asks for more");
        FullHttpResponse response = channel.readOutbound();
        assertEquals(200, response.status().code());
        response.release();
    }

    @Test
    void afterARefusedHandshakeTheConnectionStaysOnHttpAndReadsOnOnceTheRefusalIsWritten() {
        SocketStandIn socket = new SocketStandIn();
        HttpRouteHandler refusing = new HttpRouteHandler((ctx, request, target) -> {
            request.release();
            ctx.writeAndFlush(TextResponse.of(HttpResponseStatus.UPGRADE_REQUIRED, "", false));
        }, UpgradeAdmission.ANY, counters, 10);
        EmbeddedChannel channel = notAutoReading(socket, refusing);
        socket.holdWrites();
        channel.writeInbound(upgradeRequest());
        assertEquals(1, socket.reads(), "not while the refusal waits for its client");
        socket.releaseWrites();
        assertEquals(2, socket.reads());
        FullHttpResponse refusal = channel.readOutbound();
        assertEquals(426, refusal.status().code());
        refusal.release();
        assertTrue(channel.isOpen());
        assertNotNull(channel.pipeline().get(HttpRouteHandler.class));
    }

    @Test
    void clientErrorsAreCountedWithoutALogLineAndUnexpectedOnesGetOneThrottledLine() {
        Logger logger = Logger.getLogger(HttpRouteHandler.class.getName());
        List<LogRecord> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            List<Throwable> routine = List.of(new PrematureChannelClosureException("closed mid-body"),
                    new IOException("Connection reset by peer"), new DecoderException("bad bytes"));
            for (int i = 0; i < 30; i++) {
                EmbeddedChannel channel = new EmbeddedChannel(routes());
                channel.pipeline().fireExceptionCaught(routine.get(i % 3));
                assertFalse(channel.isOpen());
            }
            assertEquals(30, counters.routineClientErrors());
            assertEquals(List.of(), lines, "routine client errors are not logged");
            for (int i = 0; i < 5; i++) {
                EmbeddedChannel channel = new EmbeddedChannel(routes());
                channel.pipeline().fireExceptionCaught(new IllegalStateException("boom " + i));
                assertFalse(channel.isOpen());
            }
            assertEquals(5, counters.unexpectedErrors());
            assertEquals(1, lines.size(), "one line per second at most");
            assertNull(lines.get(0).getThrown(), "no stack trace");
            assertTrue(lines.get(0).getMessage().contains("IllegalStateException: boom 0"), lines.get(0).getMessage());
        } finally {
            logger.removeHandler(capture);
        }
    }
}
