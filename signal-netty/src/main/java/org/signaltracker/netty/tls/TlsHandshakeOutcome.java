package org.signaltracker.netty.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.TlsMetrics.Handshake;
import org.signaltracker.core.time.SystemClock;

/**
 * The stage right after the {@code SslHandler}: counts how each handshake ended in {@link TlsMetrics}, and
 * until the handshake has completed keeps its failures away from the HTTP routes: a failed handshake is
 * counted and closed, and written to the log at most once every ten seconds (scanners and plain HTTP
 * clients on the TLS port are routine). Once the handshake has completed it removes itself, so an
 * established connection carries no extra stage. Shared by every connection of the TLS listener;
 * thread-safe (it holds only the counters and the throttled log).
 */
@ChannelHandler.Sharable
final class TlsHandshakeOutcome extends ChannelInboundHandlerAdapter {

    private static final ThrottledLog FAILURES = new ThrottledLog(
            Logger.getLogger(TlsHandshakeOutcome.class.getName()), Level.WARNING, 10_000, SystemClock.INSTANCE);
    /** An engine's message can hold a hex dump of everything the client sent; the log gets its start. */
    private static final int MAX_MESSAGE_CHARS = 160;

    private final TlsMetrics metrics;

    TlsHandshakeOutcome(TlsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                metrics.count(Handshake.COMPLETED);
                ctx.pipeline().remove(this);
            } else {
                Handshake outcome = HandshakeFailures.classify(handshake.cause());
                metrics.count(outcome);
                FAILURES.report(() -> "TLS handshake failed (" + outcome.label() + ") from "
                        + ctx.channel().remoteAddress() + ": " + shortly(handshake.cause()) + "; failures so far: "
                        + metrics.failures() + ", completed: " + metrics.handshakes(Handshake.COMPLETED));
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Before the handshake completes, whatever goes wrong is about TLS: the event above counts it. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static String shortly(Throwable cause) {
        String text = String.valueOf(cause);
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
