package org.signaltracker.netty.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.netty.websocket.UpgradeTarget;

/**
 * The plain-HTTP side of the port: each request goes to the {@link HttpRoutes} table, which answers it
 * (REST routes, static files, {@code /health}, explanations for everything else) or, for a WebSocket
 * upgrade (a GET), authorises it and picks its protocol; a plain GET on the HTTP tracker's paths goes to
 * its {@link HttpTrackerRoute}, which writes the whole answer; an authorised upgrade goes to the {@link Upgrader}
 * once the {@link UpgradeAdmission} admits it (503, 429 or 403 with a reason otherwise). The admission
 * also sees every request first, and may refuse a client before anything is routed. An undecodable
 * request gets 400, or 414 or 431 for an oversized request line or header (an oversized body already got
 * 413 from the aggregator before this stage).
 *
 * <p>Requests are answered one at a time: the channel does not read by itself, and this stage asks for the
 * next request only once the previous response has been taken by the socket. A client that pipelines
 * requests and never reads therefore holds one response and one receive buffer of requests, not a queue
 * that grows with what it sends. A connection still on HTTP after {@code websocket.handshakeTimeoutSeconds}
 * is closed, so sockets that never upgrade cannot pile up, unless it is an HTTP tracker client kept alive:
 * then it is closed once idle for {@code classic.httpKeepAliveSeconds} after its last answer (checked when
 * the handshake timeout comes, and again at the end of the idle time). Client errors (closing mid-request, resets,
 * undecodable bytes) are counted, never logged one by one. Replaced once the connection is a WebSocket.
 * Not shared: one per connection, confined to its event loop.
 *
 * <p>Lean start ({@link FullStages} given): most connections of a busy port carry HTTP tracker GETs, which need
 * neither the response encoder (their answer is written as bytes) nor the aggregator (they have no body) nor
 * flow control (their answer is written before the next request is looked at). The connection then starts
 * with the decoder and this stage only, and a bodiless tracker GET is answered from the decoder's request and
 * its empty last content. Anything else (another route, an upgrade, a body, an undecodable request, a refusal)
 * and any request that arrives while an answer still waits for the client first adds the full stages, then
 * goes through them exactly as it would have from the start, and the connection keeps them.
 */
public final class HttpRouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String NOT_A_WEBSOCKET = HttpRoutes.NOT_A_WEBSOCKET;

    private static final ThrottledLog UNEXPECTED_ERRORS = ThrottledLog.warnings(HttpRouteHandler.class);

    /** Performs the WebSocket handshake; takes ownership of the request and replaces the route stage. */
    @FunctionalInterface
    public interface Upgrader {
        void upgrade(ChannelHandlerContext routes, FullHttpRequest request, UpgradeTarget target);
    }

    /** Adds the encoder, flow control and the aggregator to a connection that started lean. */
    @FunctionalInterface
    public interface FullStages {
        void addTo(ChannelHandlerContext routes);
    }

    private final HttpRoutes routes;
    private final FullStages fullStages;
    private final Upgrader upgrader;
    private final UpgradeAdmission admission;
    private final HttpCounters counters;
    private final long handshakeTimeoutNanos;
    private final HandshakeDeadlines.Table deadlines;
    /** This connection in its loop's {@link HandshakeDeadlines} (while on HTTP), and its idle timer when kept alive. */
    private IdleCheck idleCheck;
    private HandshakeDeadlines loopDeadlines;
    /** Set once a kept-alive connection outlived the handshake timeout: it then has a timer of its own. */
    private ScheduledFuture<?> keepAliveTimeout;
    /** The loop's ticker time until which a kept-alive tracker connection may idle; 0 before any such answer. */
    private long keepAliveUntilNanos;
    /** This connection's HTTP tracker requests; made on the first. */
    private HttpTrackerRoute.Exchange tracker;
    /** Asks for the next request once a response has been written; closes the connection if it failed. */
    private ChannelFutureListener readNextRequest;
    /** A read was asked for and no whole request has arrived since. */
    private boolean awaitingRequest;
    /** Still without the full stages: only the decoder is before this stage. */
    private boolean lean;
    /** Where tracker answers go: past the HTTP encoder when there is one. */
    private ChannelHandlerContext trackerOutput;
    /** A bodiless tracker GET whose empty last content has not arrived yet; lean start only. */
    private HttpRequest leanRequest;
    private int leanRoute;

    /** The tracker's routes only: {@code /health}, and every upgrade to WebTorrent. */
    public HttpRouteHandler(Upgrader upgrader, UpgradeAdmission admission, HttpCounters counters,
            int handshakeTimeoutSeconds) {
        this(HttpRoutes.tracker(), upgrader, admission, counters, handshakeTimeoutSeconds);
    }

    /** All stages are in the pipeline from the start. */
    public HttpRouteHandler(HttpRoutes routes, Upgrader upgrader, UpgradeAdmission admission, HttpCounters counters,
            int handshakeTimeoutSeconds) {
        this(routes, upgrader, admission, counters, handshakeTimeoutSeconds, null);
    }

    /**
     * @param fullStages null when the pipeline already holds every stage; otherwise the connection starts with
     *                   the request decoder and this stage only, and this adds the rest when a request needs them
     */
    public HttpRouteHandler(HttpRoutes routes, Upgrader upgrader, UpgradeAdmission admission, HttpCounters counters,
            int handshakeTimeoutSeconds, FullStages fullStages) {
        this(routes, upgrader, admission, counters, handshakeTimeoutSeconds, fullStages, new HandshakeDeadlines.Table());
    }

    /**
     * @param fullStages null when the pipeline already holds every stage; otherwise the connection starts with
     *                   the request decoder and this stage only, and this adds the rest when a request needs them
     * @param deadlines  shared by every connection of the listener, which all have {@code handshakeTimeoutSeconds}
     */
    public HttpRouteHandler(HttpRoutes routes, Upgrader upgrader, UpgradeAdmission admission, HttpCounters counters,
            int handshakeTimeoutSeconds, FullStages fullStages, HandshakeDeadlines.Table deadlines) {
        super(false);
        this.deadlines = deadlines;
        this.routes = routes;
        this.fullStages = fullStages;
        this.upgrader = upgrader;
        this.admission = admission;
        this.counters = counters;
        this.handshakeTimeoutNanos = TimeUnit.SECONDS.toNanos(handshakeTimeoutSeconds);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lean = fullStages != null;
        ChannelHandlerContext encoder = ctx.pipeline().context(HttpResponseEncoder.class);
        trackerOutput = encoder != null ? encoder : ctx;
        idleCheck = new IdleCheck(ctx);
        loopDeadlines = deadlines.of(ctx.executor());
        loopDeadlines.add(idleCheck, handshakeTimeoutNanos);
        readNextRequest = written -> {
            if (written.isSuccess()) {
                requestNext(ctx);
            } else {
                ctx.close();
            }
        };
    }

    /**
     * Reached at the handshake timeout, and again at the end of each idle time of a kept-alive tracker
     * connection: a kept-alive request costs no scheduling, only the check when the timer comes.
     */
    private final class IdleCheck extends HandshakeDeadlines.Node implements Runnable {
        private final ChannelHandlerContext ctx;

        IdleCheck(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        void deadlineReached() {
            run();
        }

        @Override
        public void run() {
            long left = keepAliveUntilNanos - ctx.executor().ticker().nanoTime();
            if (keepAliveUntilNanos != 0 && left > 0) {
                keepAliveTimeout = ctx.executor().schedule(this, left, TimeUnit.NANOSECONDS);
            } else {
                ctx.channel().close();
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (loopDeadlines != null) {
            loopDeadlines.remove(idleCheck);
        }
        if (keepAliveTimeout != null) {
            keepAliveTimeout.cancel(false);
            keepAliveTimeout = null;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        requestNext(ctx);
        ctx.fireChannelActive();
    }

    /** A read ended without a whole request (a slow client, a body in several parts): ask for more. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (awaitingRequest) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    private void requestNext(ChannelHandlerContext ctx) {
        awaitingRequest = true;
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (lean) {
            readLean(ctx, msg);
        } else {
            super.channelRead(ctx, msg);
        }
    }

    /** A message straight from the decoder: a bodiless tracker GET is answered here, anything else widens. */
    private void readLean(ChannelHandlerContext ctx, Object msg) {
        HttpRequest started = leanRequest;
        if (started != null) {
            leanRequest = null;
            if (msg == LastHttpContent.EMPTY_LAST_CONTENT) {
                answerLean(ctx, started);
                return;
            }
            // Not expected for a request without a body; handled the general way all the same.
            widen(ctx, started);
            ctx.pipeline().context(HttpRequestDecoder.class).fireChannelRead(msg);
            return;
        }
        if (awaitingRequest && msg instanceof HttpRequest request && !(msg instanceof LastHttpContent)) {
            int route = leanTrackerRoute(request);
            if (route != HttpTrackerRoute.NONE) {
                leanRequest = request;
                leanRoute = route;
                return;
            }
        }
        widen(ctx, msg);
    }

    /**
     * The route of a request the HTTP tracker answers without the full stages, else {@link HttpTrackerRoute#NONE}:
     * a decoded plain GET on a tracker path with no body and nothing the aggregator would answer first
     * (an {@code Expect} header).
     */
    private int leanTrackerRoute(HttpRequest request) {
        if (routes.httpTracker() == null || !request.decoderResult().isSuccess()
                || !request.method().equals(HttpMethod.GET)) {
            return HttpTrackerRoute.NONE;
        }
        int route = HttpTrackerRoute.routeOf(request.uri());
        if (route == HttpTrackerRoute.NONE || isWebSocketUpgrade(request)
                || request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
                || request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                || request.headers().contains(HttpHeaderNames.EXPECT)) {
            return HttpTrackerRoute.NONE;
        }
        return route;
    }

    /** A whole bodiless tracker GET on a lean connection: the same checks and answer as {@link #channelRead0}. */
    private void answerLean(ChannelHandlerContext ctx, HttpRequest request) {
        awaitingRequest = false;
        UpgradeAdmission.Refusal refused = admission.requestRefusal(ctx.channel(), request);
        if (refused != null) {
            addFullStages(ctx);
            respond(ctx, refusalResponse(refused), false);
            return;
        }
        answerTracker(ctx, routes.httpTracker(), request, leanRoute);
    }

    /**
     * Adds the full stages and hands {@code msg} to the first of them, as if they had been there from the
     * start: if this stage had asked for a request, flow control is told so before the message reaches it.
     */
    private void widen(ChannelHandlerContext ctx, Object msg) {
        addFullStages(ctx);
        if (awaitingRequest) {
            ctx.pipeline().context(HttpObjectAggregator.class).read();
        }
        ctx.pipeline().context(HttpRequestDecoder.class).fireChannelRead(msg);
    }

    private void addFullStages(ChannelHandlerContext ctx) {
        lean = false;
        fullStages.addTo(ctx);
        trackerOutput = ctx.pipeline().context(HttpResponseEncoder.class);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        awaitingRequest = false;
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            request.release();
            respond(ctx, TextResponse.of(statusFor(cause), "Malformed or oversized HTTP request.\n", false), false);
            return;
        }
        UpgradeAdmission.Refusal refused = admission.requestRefusal(ctx.channel(), request);
        if (refused != null) {
            request.release();
            respond(ctx, refusalResponse(refused), false);
            return;
        }
        HttpTrackerRoute httpTracker = routes.httpTracker();
        if (httpTracker != null) {
            int route = HttpTrackerRoute.routeOf(request.uri());
            if (route != HttpTrackerRoute.NONE && request.method().equals(HttpMethod.GET)
                    && !isWebSocketUpgrade(request)) {
                try {
                    answerTracker(ctx, httpTracker, request, route);
                } finally {
                    request.release();
                }
                return;
            }
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (isWebSocketUpgrade(request)) {
            HttpRoutes.Decision decision = routes.upgrade(request, path);
            if (decision.target() != null) {
                upgrade(ctx, request, decision.target());
                return;
            }
            request.release();
            respond(ctx, decision.refusal(), keepAlive);
            return;
        }
        CompletionStage<FullHttpResponse> later;
        try {
            later = routes.deferred(request, path);
        } catch (RuntimeException e) {
            request.release();
            throw e;
        }
        if (later != null) {
            request.release();
            later.thenAccept(response -> ctx.executor().execute(() -> respond(ctx, response, keepAlive)));
            return;
        }
        FullHttpResponse response;
        try {
            response = routes.respond(request, path, ctx);
        } finally {
            request.release();
        }
        respond(ctx, response, keepAlive);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, UpgradeTarget target) {
        UpgradeAdmission.Refusal refusal = admission.refusal(ctx.channel(), request);
        if (refusal != null) {
            request.release();
            counters.upgradesRefused.increment();
            respond(ctx, refusalResponse(refusal), false);
            return;
        }
        upgrader.upgrade(ctx, request, target);
        if (!ctx.isRemoved()) {
            // The handshake was refused (for example 426 for an unknown version) and the connection stays
            // on HTTP: read on once whatever the upgrader wrote has reached the socket. An empty buffer is
            // the encoder's "write nothing" and completes after every write before it.
            ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(readNextRequest);
        }
    }

    /** The HTTP tracker's answer, written past the HTTP encoder; the next request is read once it is sent. */
    private void answerTracker(ChannelHandlerContext ctx, HttpTrackerRoute httpTracker, HttpRequest request,
            int route) {
        if (tracker == null) {
            tracker = httpTracker.open(ctx);
        }
        ByteBuf response = tracker.answer(ctx, request, route);
        int keepAliveSeconds = tracker.keepAliveSeconds;
        if (keepAliveSeconds > 0) {
            keepAliveUntilNanos = ctx.executor().ticker().nanoTime() + TimeUnit.SECONDS.toNanos(keepAliveSeconds);
        } else if (!HttpUtil.isKeepAlive(request) && !decoderHoldsMore(ctx)) {
            FinWithAnswer.expectCloseAfterNextAnswer(ctx.channel());
        }
        written(trackerOutput.writeAndFlush(response), keepAliveSeconds > 0);
    }

    private static FullHttpResponse refusalResponse(UpgradeAdmission.Refusal refusal) {
        FullHttpResponse response = TextResponse.of(refusal.status(), refusal.reason() + "\n", false);
        if (refusal.retryAfterSeconds() > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, refusal.retryAfterSeconds());
        }
        return response;
    }

    /** Writes {@code response}; the next request is read once it has reached the socket. */
    private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        counters.responses.increment();
        written(ctx.writeAndFlush(response), keepAlive);
    }

    /**
     * Whether bytes past this request were already read (a client pipelining on). Closing a socket with input
     * unread makes the kernel reset the connection and drop what it still holds to send, so an answer is
     * corked (held for the close) only when the client asked for the close and sent nothing more: neither here
     * nor, as its own {@code Connection: close} promises, still on its way. Refusals, errors and other routes
     * are never corked, since they may be answered before the request's body has been read.
     */
    private static boolean decoderHoldsMore(ChannelHandlerContext ctx) {
        TolerantRequestDecoder decoder = ctx.pipeline().get(TolerantRequestDecoder.class);
        return decoder == null || decoder.holdsUnreadBytes();
    }

    /** Counts a response its client has not taken yet; reads the next request or closes once it is sent. */
    private void written(ChannelFuture written, boolean keepAlive) {
        if (!written.isDone()) {
            counters.responsesAwaitingClient.increment();
            written.addListener(done -> counters.responsesAwaitingClient.decrement());
        }
        written.addListener(keepAlive ? readNextRequest : ChannelFutureListener.CLOSE);
    }

    /**
     * Clients closing mid-request, resetting, or sending bytes the decoder rejects are routine on a public
     * port: counted, not logged. Anything else is logged, throttled, in one line without a stack trace.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isRoutineClientError(cause)) {
            counters.routineClientErrors.increment();
        } else {
            counters.unexpectedErrors.increment();
            UNEXPECTED_ERRORS.report(() -> "unexpected error on an HTTP connection (closed it): " + cause);
        }
        ctx.close();
    }

    static boolean isRoutineClientError(Throwable cause) {
        return cause instanceof IOException || cause instanceof PrematureChannelClosureException
                || cause instanceof DecoderException;
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

    private static boolean isWebSocketUpgrade(HttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }
}
