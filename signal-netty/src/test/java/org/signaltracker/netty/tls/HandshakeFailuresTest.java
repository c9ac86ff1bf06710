package org.signaltracker.netty.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.metrics.TlsMetrics.Handshake;

/** The JDK's and BoringSSL's wordings of the same failure land on the same cause. */
class HandshakeFailuresTest {

    @Test
    void namesEachCause() {
        assertEquals(Handshake.NOT_TLS,
                HandshakeFailures.classify(new DecoderException(new NotSslRecordException("not an SSL/TLS record"))));
        assertEquals(Handshake.TIMED_OUT, HandshakeFailures.classify(new SslHandshakeTimeoutException("timed out")));
        assertEquals(Handshake.CLOSED_EARLY, HandshakeFailures.classify(new ClosedChannelException()));
        assertEquals(Handshake.NO_COMMON_PROTOCOL, HandshakeFailures.classify(new SSLHandshakeException(
                "Client requested protocol TLSv1.1 is not enabled or supported in server context")));
        assertEquals(Handshake.NO_COMMON_PROTOCOL, HandshakeFailures.classify(new SSLHandshakeException(
                "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL")));
        assertEquals(Handshake.NO_COMMON_CIPHER,
                HandshakeFailures.classify(new SSLHandshakeException("no cipher suites in common")));
        assertEquals(Handshake.NO_COMMON_CIPHER, HandshakeFailures.classify(new SSLHandshakeException(
                "error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER")));
        assertEquals(Handshake.CERTIFICATE_REJECTED, HandshakeFailures.classify(new DecoderException(
                new SSLHandshakeException("Received fatal alert: certificate_unknown"))));
        assertEquals(Handshake.CERTIFICATE_REJECTED, HandshakeFailures.classify(new SSLHandshakeException(
                "error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN")));
        assertEquals(Handshake.OTHER, HandshakeFailures.classify(new SSLHandshakeException("something new")));
    }
}
