package org.signaltracker.netty.tls;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import org.signaltracker.core.metrics.TlsMetrics.Handshake;

/**
 * Names the cause of a failed handshake from what the engine threw. The JDK and BoringSSL word the same
 * failure differently, so both wordings are matched; what neither says clearly is {@link Handshake#OTHER}.
 * Stateless.
 */
final class HandshakeFailures {

    private HandshakeFailures() {
    }

    static Handshake classify(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof NotSslRecordException) {
            return Handshake.NOT_TLS;
        }
        if (root instanceof SslHandshakeTimeoutException) {
            return Handshake.TIMED_OUT;
        }
        if (root instanceof ClosedChannelException) {
            return Handshake.CLOSED_EARLY;
        }
        String text = messages(root);
        // JDK: "Client requested protocol TLSv1.1 is not enabled or supported", "protocol_version";
        // BoringSSL: "UNSUPPORTED_PROTOCOL", "TLSV1_ALERT_PROTOCOL_VERSION".
        if (text.contains("unsupported_protocol") || text.contains("protocol_version")
                || (text.contains("protocol") && text.contains("not enabled or supported"))
                || text.contains("no appropriate protocol")) {
            return Handshake.NO_COMMON_PROTOCOL;
        }
        // JDK: "no cipher suites in common"; BoringSSL: "NO_SHARED_CIPHER".
        if (text.contains("no cipher suites in common") || text.contains("no_shared_cipher")
                || text.contains("handshake_failure") && text.contains("cipher")) {
            return Handshake.NO_COMMON_CIPHER;
        }
        // The client's alert when it does not trust the certificate: JDK "certificate_unknown", "bad_certificate",
        // "unknown_ca", "certificate_expired"; BoringSSL the same names in upper case.
        if (text.contains("certificate_unknown") || text.contains("bad_certificate") || text.contains("unknown_ca")
                || text.contains("certificate_expired") || text.contains("certificate_revoked")) {
            return Handshake.CERTIFICATE_REJECTED;
        }
        if (text.contains("connection reset") || text.contains("closed") && text.contains("inbound")) {
            return Handshake.CLOSED_EARLY;
        }
        return Handshake.OTHER;
    }

    /** The messages of the cause chain (bounded), in lower case with spaces as underscores kept apart. */
    private static String messages(Throwable cause) {
        StringBuilder text = new StringBuilder();
        Throwable t = cause;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(t.getMessage()).append(' ');
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
