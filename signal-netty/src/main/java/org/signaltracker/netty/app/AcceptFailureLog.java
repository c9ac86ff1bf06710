package org.signaltracker.netty.app;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.LongAdder;
import org.signaltracker.core.log.ThrottledLog;

/**
 * The listening socket's last stage: accept failures (most often "Too many open files") end here as one
 * throttled line with a count, instead of reaching the pipeline's tail, which logs a full stack trace
 * every time Netty retries (once a second for as long as the condition lasts). It sits after Netty's
 * acceptor, which has already paused accepting for a second. Shared by nothing but the one listener;
 * thread-safe.
 */
@ChannelHandler.Sharable
final class AcceptFailureLog extends ChannelInboundHandlerAdapter {

    private static final ThrottledLog FAILURES = ThrottledLog.warnings(AcceptFailureLog.class);

    private final LongAdder failures = new LongAdder();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failures.increment();
        long total = failures.sum();
        FAILURES.report(() -> "cannot accept connections: " + cause + " (" + total + " accept failures so far;"
                + " accepting pauses for a second after each; if the open-file limit is the cause, raise"
                + " LimitNOFILE or lower limits.maxConnections)");
    }

    long failures() {
        return failures.sum();
    }
}
