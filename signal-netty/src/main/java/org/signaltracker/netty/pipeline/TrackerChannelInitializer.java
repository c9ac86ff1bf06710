package org.signaltracker.netty.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.flow.FlowControlHandler;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.netty.http.HandshakeDeadlines;
import org.signaltracker.netty.http.HttpCounters;
import org.signaltracker.netty.http.HttpRequestAggregator;
import org.signaltracker.netty.http.HttpRouteHandler;
import org.signaltracker.netty.http.HttpRoutes;
import org.signaltracker.netty.http.TolerantRequestDecoder;
import org.signaltracker.netty.http.UpgradeAdmission;
import org.signaltracker.netty.tls.ServerTls;
import org.signaltracker.netty.websocket.UpgradeTarget;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/**
 * Assembles every connection's pipeline, once the connection limit admitted it. A connection starts lean,
 * with the request decoder (Netty's, tolerant of a space before the query: {@link TolerantRequestDecoder})
 * and the HTTP routes only: that is all a plain HTTP tracker GET needs, and most connections of a busy
 * port carry nothing else. The routes add the rest ({@link #addFullStages}) when a request needs it; then,
 * top to bottom: the HTTP response encoder, the decoder, flow control, the request aggregator and the
 * routes. HTTP is read one request at a time: auto-read is off, the routes ask for each next request once
 * the previous response is written, and flow control holds the requests the decoder already took from the
 * same read (a lean connection answers each tracker GET before it looks at the next, and adds the stages
 * when a request comes while an answer still waits for the client). The upgrade ({@link WebSocketUpgrade})
 * replaces the decoder with Netty's frame decoder (which receives whatever the client sent after its
 * upgrade request), the encoder with the frame encoder and the routes with the tracker session; once the
 * 101 is written the session turns auto-read back on and this class removes flow control, so a WebSocket
 * carries three stages: frame encoder, frame decoder, tracker. On the TLS listener the TLS codec comes first,
 * and the stage counting the handshake's outcome (which leaves once the handshake is done); everything after
 * them is the same.
 * Shared by all connections; thread-safe because it only creates handlers.
 */
public final class TrackerChannelInitializer extends ChannelInitializer<Channel> {

    public static final String HTTP_ENCODER = "http-encoder";
    public static final String HTTP_DECODER = "http-decoder";
    public static final String HTTP_FLOW = "http-flow";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_ROUTES = "http-routes";
    public static final String FRAME_DECODER = WebSocketUpgrade.DECODER;
    public static final String FRAME_ENCODER = WebSocketUpgrade.ENCODER;
    public static final String TRACKER = "tracker";

    /** Upgrade requests carry no body; anything bigger than this is not a request we serve. */
    private static final int MAX_HTTP_REQUEST_BYTES = 8192;

    private final ConnectionLimiter connectionLimiter;
    private final WebSocketUpgrade upgrade;
    private final UpgradeAdmission admission;
    private final HttpCounters httpCounters;
    private final HttpRoutes routes;
    private final int handshakeTimeoutSeconds;
    /** The connections of this listener still on HTTP, per event loop, for their handshake timeout. */
    private final HandshakeDeadlines.Table handshakeDeadlines = new HandshakeDeadlines.Table();
    /** The TLS listener's stages, or null on the plain listener. */
    private final ServerTls tls;

    /** The tracker's routes; upgrades are refused only by the connection limit's reserve. */
    public TrackerChannelInitializer(WebSocketConfig webSocket, ConnectionLimiter connectionLimiter,
            WebSocketUpgrade upgrade) {
        this(webSocket, connectionLimiter, upgrade, connectionLimiter, new HttpCounters());
    }

    /** The tracker's routes only. */
    public TrackerChannelInitializer(WebSocketConfig webSocket, ConnectionLimiter connectionLimiter,
            WebSocketUpgrade upgrade, UpgradeAdmission admission, HttpCounters httpCounters) {
        this(webSocket, connectionLimiter, upgrade, admission, httpCounters, HttpRoutes.tracker());
    }

    /** The plain listener's pipeline. */
    public TrackerChannelInitializer(WebSocketConfig webSocket, ConnectionLimiter connectionLimiter,
            WebSocketUpgrade upgrade, UpgradeAdmission admission, HttpCounters httpCounters, HttpRoutes routes) {
        this(webSocket, connectionLimiter, upgrade, admission, httpCounters, routes, null);
    }

    /** The pipeline behind TLS, when {@code tls} is not null. */
    public TrackerChannelInitializer(WebSocketConfig webSocket, ConnectionLimiter connectionLimiter,
            WebSocketUpgrade upgrade, UpgradeAdmission admission, HttpCounters httpCounters, HttpRoutes routes,
            ServerTls tls) {
        this.tls = tls;
        this.routes = routes;
        this.connectionLimiter = connectionLimiter;
        this.upgrade = upgrade;
        this.admission = admission;
        this.httpCounters = httpCounters;
        this.handshakeTimeoutSeconds = webSocket.handshakeTimeoutSeconds();
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connectionLimiter.admit(channel)) {
            channel.close();
            return;
        }
        channel.config().setAutoRead(false);
        if (tls != null) {
            // The SslHandler reads for itself until its handshake is done, auto-read off or not.
            tls.addStages(channel);
        }
        ChannelPipeline p = channel.pipeline();
        p.addLast(HTTP_DECODER, new TolerantRequestDecoder());
        p.addLast(HTTP_ROUTES, new HttpRouteHandler(routes, this::upgradeToWebSocket, admission, httpCounters,
                handshakeTimeoutSeconds, TrackerChannelInitializer::addFullStages, handshakeDeadlines));
    }

    /** The stages a lean connection lacks, in their places around the decoder and the routes. */
    private static void addFullStages(ChannelHandlerContext routes) {
        ChannelPipeline p = routes.pipeline();
        p.addBefore(HTTP_DECODER, HTTP_ENCODER, new HttpResponseEncoder());
        p.addBefore(HTTP_ROUTES, HTTP_FLOW, new FlowControlHandler());
        p.addBefore(HTTP_ROUTES, HTTP_AGGREGATOR, new HttpRequestAggregator(MAX_HTTP_REQUEST_BYTES));
    }

    /**
     * Hands the request to the upgrade. Once the routes have been replaced by the session and the session has
     * started (the 101 is written), the session reads for itself (it turns auto-read on, and pauses reading for
     * back-pressure), and flow control goes, passing on any frames it still holds. Until then flow control holds
     * the frames a client sent right behind its upgrade request, and nothing more is read: a session that has
     * not started has no protocol to hand them to. On epoll the 101 is usually written within the upgrade, so
     * this happens at once, inside the read that brought the request, whose end then flushes the replies. On
     * io_uring the write completes after that read has ended, so the frames flow control held are handed on
     * outside any read and their end is signalled here, as the frame decoder would at the end of a read.
     */
    private void upgradeToWebSocket(ChannelHandlerContext routes, FullHttpRequest request, UpgradeTarget target) {
        ChannelFuture handshake = upgrade.upgrade(routes, request, TRACKER, target);
        if (handshake == null || !routes.isRemoved()) {
            return;
        }
        ChannelPipeline pipeline = routes.pipeline();
        if (handshake.isDone()) {
            if (handshake.isSuccess()) {
                pipeline.remove(HTTP_FLOW);
            }
            return;
        }
        handshake.addListener(done -> {
            if (done.isSuccess() && pipeline.get(HTTP_FLOW) != null) {
                pipeline.remove(HTTP_FLOW);
                ChannelHandlerContext frames = pipeline.context(FRAME_DECODER);
                if (frames != null) {
                    frames.fireChannelReadComplete();
                }
            }
        });
    }
}
