package org.signaltracker.netty.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.TlsMetrics.Handshake;

/** The handshake stage counts each outcome once, leaves after a success and keeps failures from the routes. */
class TlsHandshakeOutcomeTest {

    private final TlsMetrics metrics = new TlsMetrics();
    private final List<Throwable> seenByRoutes = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new TlsHandshakeOutcome(metrics), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                seenByRoutes.add(cause);
            }
        });
    }

    @Test
    void aCompletedHandshakeIsCountedAndTheStageLeaves() {
        EmbeddedChannel channel = channel();
        channel.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        assertEquals(1, metrics.handshakes(Handshake.COMPLETED));
        assertNull(channel.pipeline().get(TlsHandshakeOutcome.class));
        assertTrue(channel.isOpen());
        channel.pipeline().fireExceptionCaught(new IllegalStateException("after the handshake"));
        assertEquals(1, seenByRoutes.size(), "after the handshake, errors are the routes' again");
        channel.finishAndReleaseAll();
    }

    @Test
    void aFailedHandshakeIsCountedByCauseAndClosed() {
        EmbeddedChannel channel = channel();
        NotSslRecordException notTls = new NotSslRecordException("not an SSL/TLS record: 474554202f");
        channel.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(notTls));
        assertEquals(1, metrics.handshakes(Handshake.NOT_TLS));
        assertEquals(1, metrics.failures());
        assertEquals(0, metrics.handshakes(Handshake.COMPLETED));
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void errorsBeforeTheHandshakeCompletesCloseWithoutReachingTheRoutes() {
        EmbeddedChannel channel = channel();
        channel.pipeline().fireExceptionCaught(new DecoderException(new NotSslRecordException("not TLS")));
        assertFalse(channel.isOpen());
        assertTrue(seenByRoutes.isEmpty(), seenByRoutes.toString());
        assertEquals(0, metrics.failures(), "the handshake event, not the exception, is what counts");
        channel.finishAndReleaseAll();
    }
}
