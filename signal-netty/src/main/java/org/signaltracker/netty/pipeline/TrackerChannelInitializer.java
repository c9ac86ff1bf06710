package org.signaltracker.netty.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.TimeUnit;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.http.HttpRouteHandler;
import org.signaltracker.netty.websocket.KeepAliveHandler;
import org.signaltracker.netty.websocket.LoopResources;
import org.signaltracker.netty.websocket.SlowConsumerHandler;
import org.signaltracker.netty.websocket.TrackerFrameHandler;

/**
 * Assembles every connection's pipeline, top to bottom, and rearranges it once the connection becomes a
 * WebSocket: the HTTP route stage goes and the keep-alive stages come. Shared by all connections;
 * thread-safe because it only creates handlers.
 */
public final class TrackerChannelInitializer extends ChannelInitializer<Channel> {

    public static final String CONNECTION_LIMIT = "connection-limit";
    public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_ROUTES = "http-routes";
    public static final String IDLE = "idle";
    public static final String KEEP_ALIVE = "keep-alive";
    public static final String WEBSOCKET = "websocket";
    public static final String MESSAGE_AGGREGATOR = "message-aggregator";
    public static final String SLOW_CONSUMER = "slow-consumer";
    public static final String TRACKER = "tracker";

    /** Upgrade requests carry no body; anything bigger than this is not a request we serve. */
    private static final int MAX_HTTP_REQUEST_BYTES = 8192;
    /** Flush at least every this many writes even inside one read burst. */
    private static final int FLUSH_EVERY_WRITES = 256;

    private final WebSocketConfig webSocket;
    private final TrackerCore core;
    private final TrackerMetrics metrics;
    private final ConnectionLimiter connectionLimiter;
    private final ChannelGroup webSockets;
    private final FastThreadLocal<LoopResources> loopResources;
    private final WebSocketServerProtocolConfig protocolConfig;

    public TrackerChannelInitializer(WebSocketConfig webSocket, TrackerCore core, TrackerMetrics metrics,
            ConnectionLimiter connectionLimiter, ChannelGroup webSockets, FastThreadLocal<LoopResources> loopResources) {
        this.webSocket = webSocket;
        this.core = core;
        this.metrics = metrics;
        this.connectionLimiter = connectionLimiter;
        this.webSockets = webSockets;
        this.loopResources = loopResources;
        this.protocolConfig = WebSocketServerProtocolConfig.newBuilder()
                // Any path upgrades: real announce URLs use "/", "/announce" and others.
                .websocketPath("/")
                .checkStartsWith(true)
                .handshakeTimeoutMillis(webSocket.handshakeTimeoutSeconds() * 1000L)
                .handleCloseFrames(true)
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(webSocket.maxFrameBytes())
                        .allowExtensions(false)
                        .withUTF8Validator(true)
                        .closeOnProtocolViolation(true)
                        .build())
                .build();
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        p.addLast(CONNECTION_LIMIT, connectionLimiter);
        p.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(FLUSH_EVERY_WRITES, true));
        p.addLast(HTTP_CODEC, new HttpServerCodec());
        p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        p.addLast(HTTP_ROUTES, new HttpRouteHandler());
        p.addLast(WEBSOCKET, new WebSocketServerProtocolHandler(protocolConfig));
        p.addLast(MESSAGE_AGGREGATOR, new WebSocketFrameAggregator(webSocket.maxMessageBytes()));
        p.addLast(SLOW_CONSUMER, new SlowConsumerHandler(webSocket.unwritableCloseSeconds(), metrics));
        p.addLast(TRACKER, new TrackerFrameHandler(core, loopResources, webSockets, this::upgraded));
    }

    /** Runs once the handshake is done: HTTP routing is over, keep-alive starts. */
    private void upgraded(ChannelPipeline p) {
        p.remove(HTTP_ROUTES);
        // Before the WebSocket stage so that pongs, which that stage drops, still count as reads.
        p.addBefore(WEBSOCKET, IDLE, new IdleStateHandler(webSocket.idleTimeoutSeconds(),
                webSocket.pingIntervalSeconds(), 0, TimeUnit.SECONDS));
        p.addAfter(IDLE, KEEP_ALIVE, new KeepAliveHandler());
    }
}
