package org.signaltracker.bench.load;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import javax.net.ssl.SSLException;

/**
 * The generator's TLS client for wss:// URLs. It trusts any certificate: the target is always on
 * 127.0.0.0/8 ({@link LoadOptions#loopbackUrl}), where nobody can stand in the middle, and a benchmark
 * against a test certificate should not need a trust store. It runs on OpenSSL when that loads, so the
 * generator's own TLS costs as little CPU as it can. Stateless.
 */
final class LoadTls {

    private LoadTls() {
    }

    /** A client context for {@code url} when it is wss://, else null. */
    static SslContext clientContext(URI url) {
        if (!"wss".equals(url.getScheme())) {
            return null;
        }
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot make the TLS client: " + e.getMessage(), e);
        }
    }

    /** Which engine the client uses, for the run's header line. */
    static String engine() {
        return OpenSsl.isAvailable() ? "openssl (" + OpenSsl.versionString() + ")" : "jdk";
    }
}
