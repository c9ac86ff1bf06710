package org.signaltracker.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpRouteHandlerTest {

    private final List<FullHttpRequest> upgrades = new ArrayList<>();

    private HttpRouteHandler routes() {
        return new HttpRouteHandler((ctx, request) -> upgrades.add(request), 10);
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
        head.release();
    }

    @Test
    void plainGetOnAnyOtherPathGets400ExplainingTheEndpoint() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        FullHttpResponse response = exchange(channel, request(HttpMethod.GET, "/announce"));
        assertEquals(400, response.status().code());
        assertEquals(HttpRouteHandler.NOT_A_WEBSOCKET, body(response));
    }

    @Test
    void otherMethodsGet405() {
        EmbeddedChannel channel = new EmbeddedChannel(routes());
        assertEquals(405, exchange(channel, request(HttpMethod.POST, "/announce")).status().code());
        assertEquals(405, exchange(channel, request(HttpMethod.DELETE, "/health")).status().code());
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
        FullHttpRequest upgrade = request(HttpMethod.GET, "/any/path?x=1");
        upgrade.headers().set(HttpHeaderNames.UPGRADE, "WebSocket");
        upgrade.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, Upgrade");
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
        assertEquals(405, exchange(channel, post).status().code());
        assertTrue(upgrades.isEmpty());
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
}
