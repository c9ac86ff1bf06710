package org.signaltracker.core.config;

/**
 * Section {@code tls}: the {@code wss://} and {@code https://} listener. Immutable.
 *
 * @param mode                 {@code off}: plain listener on {@code server.port} only; {@code both}: plain on
 *                             {@code server.port} and TLS on {@code tls.port}; {@code only}: TLS on
 *                             {@code tls.port} and no plain listener
 * @param port                 TCP port of the TLS listener (0 picks a free port; tests use it)
 * @param certificateChainFile PEM file of the certificate followed by its intermediates (Let's Encrypt's
 *                             {@code fullchain.pem}); re-read on reload
 * @param privateKeyFile       PEM file of the unencrypted PKCS#8 private key ({@code privkey.pem}); re-read on
 *                             reload
 * @param engine               {@code auto} (OpenSSL when its library loads, else the JDK's), {@code openssl}
 *                             (fail if unavailable) or {@code jdk}
 */
public record TlsConfig(
        String mode,
        int port,
        String certificateChainFile,
        String privateKeyFile,
        String engine) {

    public static final String MODE_OFF = "off";
    public static final String MODE_BOTH = "both";
    public static final String MODE_ONLY = "only";
    public static final String ENGINE_AUTO = "auto";
    public static final String ENGINE_OPENSSL = "openssl";
    public static final String ENGINE_JDK = "jdk";

    public static TlsConfig defaults() {
        return new TlsConfig(MODE_OFF, 8443, "", "", ENGINE_AUTO);
    }

    /** Whether a TLS listener runs. */
    public boolean enabled() {
        return !MODE_OFF.equals(mode);
    }

    /** Whether the plain listener on {@code server.port} runs. */
    public boolean plainListener() {
        return !MODE_ONLY.equals(mode);
    }
}
