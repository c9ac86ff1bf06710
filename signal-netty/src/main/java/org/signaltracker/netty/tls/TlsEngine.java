package org.signaltracker.netty.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import org.signaltracker.core.config.TlsConfig;

/**
 * The TLS implementation the listener runs on: Netty's OpenSSL engine (BoringSSL from
 * netty-tcnative-boringssl-static) when its native library loads, the JDK's otherwise. Chosen once at
 * start and logged with the reason, like the transport, so a silent fallback to the JDK is visible.
 * Immutable.
 */
public final class TlsEngine {

    /** TLS 1.2 and 1.3 only: older versions have known weaknesses and no browser still needs them. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslProvider provider;
    private final String reason;

    private TlsEngine(SslProvider provider, String reason) {
        this.provider = provider;
        this.reason = reason;
    }

    /**
     * Picks the engine for {@code tls.engine}: {@code auto}, {@code openssl} or {@code jdk}.
     *
     * @throws IllegalStateException when OpenSSL is demanded but unavailable, naming the cause
     */
    public static TlsEngine select(String mode) {
        switch (mode) {
            case TlsConfig.ENGINE_JDK:
                return new TlsEngine(SslProvider.JDK, "configured");
            case TlsConfig.ENGINE_OPENSSL:
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("tls.engine = openssl, but OpenSSL is unavailable: "
                            + OpenSsl.unavailabilityCause());
                }
                return new TlsEngine(SslProvider.OPENSSL, "configured, " + OpenSsl.versionString());
            default:
                return OpenSsl.isAvailable()
                        ? new TlsEngine(SslProvider.OPENSSL, "available, " + OpenSsl.versionString())
                        : new TlsEngine(SslProvider.JDK, "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
        }
    }

    /**
     * A server context serving {@code material}. OPENSSL, not OPENSSL_REFCNT: a replaced context is freed by
     * the garbage collector once the last connection that handshook with it is gone, so a reload never has
     * to know when that is.
     */
    public SslContext serverContext(TlsKeyMaterial material) {
        try {
            return SslContextBuilder.forServer(material.key(), material.chain())
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsFileException("tls: the " + name() + " engine refused the certificate and key: " + e.getMessage());
        }
    }

    /** {@code openssl} or {@code jdk}. */
    public String name() {
        return provider == SslProvider.JDK ? TlsConfig.ENGINE_JDK : TlsConfig.ENGINE_OPENSSL;
    }

    public String reason() {
        return reason;
    }
}
