package org.signaltracker.netty.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLContext;

/**
 * Certificates made at test time (nothing secret is committed): a CA that issues server certificates for
 * 127.0.0.1 and localhost, written as PEM files the way Let's Encrypt lays them out (fullchain.pem,
 * privkey.pem). Clients trust the CA, so a reloaded server certificate is trusted as well.
 */
public final class TestCertificates {

    private final X509Bundle ca;

    private TestCertificates(X509Bundle ca) {
        this.ca = ca;
    }

    public static TestCertificates newAuthority() throws Exception {
        Instant now = Instant.now();
        return new TestCertificates(new CertificateBuilder().subject("CN=signal-tracker test CA")
                .notBefore(now.minus(1, ChronoUnit.DAYS)).notAfter(now.plus(2, ChronoUnit.DAYS))
                .ecp256().setIsCertificateAuthority(true).buildSelfSigned());
    }

    /** A server certificate for 127.0.0.1 named {@code cn}, issued by this CA. */
    public X509Bundle issue(String cn) throws Exception {
        Instant now = Instant.now();
        return new CertificateBuilder().subject("CN=" + cn).addSanIpAddress("127.0.0.1").addSanDnsName("localhost")
                .notBefore(now.minus(1, ChronoUnit.HOURS)).notAfter(now.plus(1, ChronoUnit.DAYS))
                .ecp256().addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
    }

    /** Writes {@code server}'s chain (leaf first, then the CA) and key as {@code dir/fullchain.pem} and {@code dir/privkey.pem}. */
    public static PemFiles write(X509Bundle server, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path chain = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        Files.writeString(chain, server.getCertificatePathPEM() + server.getRootCertificatePEM(),
                StandardCharsets.US_ASCII);
        Files.writeString(key, server.getPrivateKeyPEM(), StandardCharsets.US_ASCII);
        return new PemFiles(chain, key);
    }

    /** The two paths, as the config keys want them. */
    public record PemFiles(Path chain, Path key) {
        public String configLines() {
            return "tls.certificateChainFile = " + chain + "\ntls.privateKeyFile = " + key + "\n";
        }
    }

    /** A client SSLContext trusting this CA only. */
    public SSLContext clientContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, ca.toTrustManagerFactory().getTrustManagers(), null);
        return context;
    }

    public X509Bundle authority() {
        return ca;
    }

    public static String cn(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
