package org.signaltracker.netty.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.metrics.TrackerMetrics;

/**
 * Turns an HTTP upgrade request into a tracker WebSocket: Netty's handshaker answers 101 and swaps the
 * HTTP codec for its frame decoder and encoder (named {@link #DECODER} and {@link #ENCODER}); the HTTP
 * route stage is replaced by a {@link WebSocketSession}, which joins the protocol the route chose (an
 * {@link UpgradeTarget}) once the 101 is written. Which paths upgrade, and to what, is the route table's
 * decision, made before this is called. The protocol's open runs once the 101 is written, on the
 * connection's loop; a client on another loop that hears of this one within that moment (microseconds,
 * longer only if the loop is preempted) can find it not yet online. Thread-safe and shared: it holds only
 * configuration.
 */
public final class WebSocketUpgrade {

    /** The names Netty's handshaker gives the frame codec stages. */
    public static final String DECODER = "wsdecoder";
    public static final String ENCODER = "wsencoder";

    private final TrackerMetrics metrics;
    private final LoopResourceTable loops;
    private final int maxMessageBytes;
    private final WebSocketDecoderConfig decoderConfig;

    public WebSocketUpgrade(WebSocketConfig webSocket, TrackerMetrics metrics, LoopResourceTable loops) {
        this.metrics = metrics;
        this.loops = loops;
        this.maxMessageBytes = webSocket.maxMessageBytes();
        this.decoderConfig = decoderConfig(webSocket);
    }

    /** How every connection's frames are decoded. */
    static WebSocketDecoderConfig decoderConfig(WebSocketConfig webSocket) {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(webSocket.maxFrameBytes())
                .allowExtensions(false)
                .expectMaskedFrames(true)
                // Text is checked for UTF-8 by the dispatcher's strict JSON pass (1007 when it is not), so
                // the bytes are scanned once, not twice.
                .withUTF8Validator(false)
                .closeOnProtocolViolation(true)
                .build();
    }

    /**
     * Answers {@code request} (whose ownership passes here) from the stage {@code routes}, which is
     * replaced under the name {@code sessionName} by a session speaking {@code target}'s protocol.
     *
     * @return the handshake, done once the 101 is written and the session has started (a listener added to it
     *         runs after the start); null when the upgrade was refused and {@code routes} stays
     */
    public ChannelFuture upgrade(ChannelHandlerContext routes, FullHttpRequest request, String sessionName,
            UpgradeTarget target) {
        try {
            if (!BudgetedHandshaker.VERSION.equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(routes.channel());
                return null;
            }
            WebSocketSession session = new WebSocketSession(loops.forLoop(routes.executor()), target.protocol(),
                    metrics, maxMessageBytes);
            WebSocketServerHandshaker handshaker = new BudgetedHandshaker(request.uri(), decoderConfig, session.held);
            ChannelFuture handshake = handshaker.handshake(routes.channel(), request);
            routes.pipeline().replace(routes.handler(), sessionName, session);
            handshake.addListener(done -> {
                if (done.isSuccess()) {
                    session.start(target.grant());
                } else {
                    handshake.channel().close();
                }
            });
            return handshake;
        } catch (WebSocketHandshakeException e) {
            refuse(routes, e.getMessage());
            return null;
        } finally {
            request.release();
        }
    }

    private static void refuse(ChannelHandlerContext ctx, String why) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.copiedBuffer("WebSocket handshake refused: " + why + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
