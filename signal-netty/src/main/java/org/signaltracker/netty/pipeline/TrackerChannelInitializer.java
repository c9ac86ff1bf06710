package org.signaltracker.netty.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.netty.http.HttpRouteHandler;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/**
 * Assembles every connection's pipeline, once the connection limit admitted it. Before the upgrade, top
 * to bottom: the HTTP codec, the request aggregator and the HTTP routes. The upgrade
 * ({@link WebSocketUpgrade}) swaps the HTTP codec for Netty's frame encoder and decoder and the routes for
 * the tracker session, so a WebSocket carries three stages: frame encoder, frame decoder, tracker. Shared
 * by all connections; thread-safe because it only creates handlers.
 */
public final class TrackerChannelInitializer extends ChannelInitializer<Channel> {

    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_ROUTES = "http-routes";
    public static final String FRAME_DECODER = WebSocketUpgrade.DECODER;
    public static final String FRAME_ENCODER = WebSocketUpgrade.ENCODER;
    public static final String TRACKER = "tracker";

    /** Upgrade requests carry no body; anything bigger than this is not a request we serve. */
    private static final int MAX_HTTP_REQUEST_BYTES = 8192;

    private final ConnectionLimiter connectionLimiter;
    private final HttpRouteHandler.Upgrader upgrader;
    private final int handshakeTimeoutSeconds;

    public TrackerChannelInitializer(WebSocketConfig webSocket, ConnectionLimiter connectionLimiter,
            WebSocketUpgrade upgrade) {
        this.connectionLimiter = connectionLimiter;
        this.upgrader = (routes, request) -> upgrade.upgrade(routes, request, TRACKER);
        this.handshakeTimeoutSeconds = webSocket.handshakeTimeoutSeconds();
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connectionLimiter.admit(channel)) {
            channel.close();
            return;
        }
        ChannelPipeline p = channel.pipeline();
        p.addLast(HTTP_CODEC, new HttpServerCodec());
        p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        p.addLast(HTTP_ROUTES, new HttpRouteHandler(upgrader, handshakeTimeoutSeconds));
    }
}
