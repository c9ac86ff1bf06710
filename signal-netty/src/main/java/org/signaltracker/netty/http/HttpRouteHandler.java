package org.signaltracker.netty.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The plain-HTTP side of the port: {@code GET /health} answers 200; a WebSocket upgrade (a GET) on any path
 * goes to the {@link Upgrader}; any other request gets a short explanation instead of a confusing
 * handshake error: 400 for a GET without upgrade, 405 for other methods, 414 or 431 for an oversized
 * request line or header (an oversized body already got 413 from the aggregator before this stage).
 * A connection still on HTTP after {@code websocket.handshakeTimeoutSeconds} is closed, so sockets that
 * never upgrade cannot pile up. Replaced once the connection is a WebSocket. Not shared: one per connection.
 */
public final class HttpRouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String HEALTH_PATH = "/health";
    static final String NOT_A_WEBSOCKET = "This is a WebTorrent tracker WebSocket endpoint. Connect with a "
            + "WebSocket client (for example ws://host:port/announce); plain HTTP requests are not served here.\n";

    /** Performs the WebSocket handshake; takes ownership of the request and replaces the route stage. */
    @FunctionalInterface
    public interface Upgrader {
        void upgrade(ChannelHandlerContext routes, FullHttpRequest request);
    }

    private final Upgrader upgrader;
    private final long handshakeTimeoutMillis;
    private ScheduledFuture<?> handshakeTimeout;

    public HttpRouteHandler(Upgrader upgrader, int handshakeTimeoutSeconds) {
        super(false);
        this.upgrader = upgrader;
        this.handshakeTimeoutMillis = handshakeTimeoutSeconds * 1000L;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        handshakeTimeout = ctx.executor().schedule(() -> {
            ctx.channel().close();
        }, handshakeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
            handshakeTimeout = null;
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            request.release();
            respond(ctx, statusFor(cause), "Malformed or oversized HTTP request.\n", false);
            return;
        }
        if (isWebSocketUpgrade(request)) {
            upgrader.upgrade(ctx, request);
            return;
        }
        String path = pathOf(request.uri());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        request.release();
        if (HEALTH_PATH.equals(path) && (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))) {
            respond(ctx, HttpResponseStatus.OK, "ok\n", keepAlive);
        } else if (method.equals(HttpMethod.GET)) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, NOT_A_WEBSOCKET, keepAlive);
        } else {
            respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, NOT_A_WEBSOCKET, keepAlive);
        }
    }

    /** Oversized bodies never get here: the aggregator before this stage answers them with 413. */
    private static HttpResponseStatus statusFor(Throwable decoderFailure) {
        if (decoderFailure instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (decoderFailure instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status,
            String body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
