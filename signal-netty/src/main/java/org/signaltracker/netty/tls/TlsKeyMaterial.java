package org.signaltracker.netty.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * A certificate chain and its private key as read from two PEM files, checked to belong together, with
 * the files' bytes kept so a reload can tell whether anything changed. Read with the JDK alone (no
 * engine-specific parser), so both TLS engines get exactly the same, already validated, objects.
 * Immutable.
 */
public final class TlsKeyMaterial {

    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private final Path chainFile;
    private final Path keyFile;
    private final byte[] chainBytes;
    private final byte[] keyBytes;
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private TlsKeyMaterial(Path chainFile, Path keyFile, byte[] chainBytes, byte[] keyBytes,
            List<X509Certificate> chain, PrivateKey key) {
        this.chainFile = chainFile;
        this.keyFile = keyFile;
        this.chainBytes = chainBytes;
        this.keyBytes = keyBytes;
        this.chain = chain;
        this.key = key;
    }

    /**
     * Reads and checks both files.
     *
     * @throws TlsFileException naming the key and file, when either cannot be used
     */
    public static TlsKeyMaterial read(Path chainFile, Path keyFile) {
        byte[] chainBytes = bytes("tls.certificateChainFile", chainFile);
        byte[] keyBytes = bytes("tls.privateKeyFile", keyFile);
        List<X509Certificate> chain = certificates(chainFile, chainBytes);
        PrivateKey key = privateKey(keyFile, keyBytes, chain.get(0).getPublicKey().getAlgorithm());
        checkPair(chainFile, keyFile, chain.get(0).getPublicKey(), key);
        return new TlsKeyMaterial(chainFile, keyFile, chainBytes, keyBytes, List.copyOf(chain), key);
    }

    /** Whether these paths hold exactly the bytes this was read from (a failed read counts as a change). */
    public boolean sameAs(Path otherChainFile, Path otherKeyFile) {
        if (!chainFile.equals(otherChainFile) || !keyFile.equals(otherKeyFile)) {
            return false;
        }
        try {
            return Arrays.equals(chainBytes, Files.readAllBytes(chainFile))
                    && Arrays.equals(keyBytes, Files.readAllBytes(keyFile));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey key() {
        return key;
    }

    /** The served certificate in a few words, for the log: subject, issuer and expiry. */
    public String describe() {
        X509Certificate leaf = chain.get(0);
        return "certificate " + leaf.getSubjectX500Principal().getName() + " issued by "
                + leaf.getIssuerX500Principal().getName() + ", valid until " + leaf.getNotAfter().toInstant()
                + " (" + chain.size() + " in chain, " + key.getAlgorithm() + " key)";
    }

    /** A warning when the served certificate is not valid at {@code now}, else null. */
    public String validityWarning(Instant now) {
        X509Certificate leaf = chain.get(0);
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return "the TLS certificate expired at " + leaf.getNotAfter().toInstant()
                    + "; clients will refuse it until it is renewed";
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return "the TLS certificate is valid only from " + leaf.getNotBefore().toInstant()
                    + "; clients will refuse it until then (check the clock)";
        }
        return null;
    }

    private static byte[] bytes(String knob, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(knob + ": " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new TlsFileException(knob + ": " + file + ": permission denied (the daemon runs as user "
                    + System.getProperty("user.name") + ")");
        } catch (IOException | SecurityException e) {
            throw new TlsFileException(knob + ": " + file + ": cannot be read: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new TlsFileException("tls.certificateChainFile: " + file
                    + ": holds no PEM certificate (expected: -----BEGIN CERTIFICATE----- blocks, server certificate first)");
        }
        Collection<? extends Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new TlsFileException("tls.certificateChainFile: " + file + ": not a valid PEM certificate chain: "
                    + e.getMessage());
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : read) {
            chain.add((X509Certificate) certificate);
        }
        if (chain.isEmpty()) {
            throw new TlsFileException("tls.certificateChainFile: " + file + ": holds no certificate");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, byte[] bytes, String algorithm) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new TlsFileException("tls.privateKeyFile: " + file + ": " + keyFormatProblem(text));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new TlsFileException("tls.privateKeyFile: " + file + ": the PEM block is not valid base64");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsFileException("tls.privateKeyFile: " + file + ": not a " + algorithm
                    + " private key matching the certificate's key type: " + e.getMessage());
        }
    }

    private static String keyFormatProblem(String text) {
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return "the key is encrypted; the daemon needs it unencrypted (openssl pkcs8 -topk8 -nocrypt)";
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            return "the key is in the old PKCS#1/SEC1 form; convert it to PKCS#8 with "
                    + "openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW";
        }
        return "holds no PEM private key (expected: a -----BEGIN PRIVATE KEY----- block, PKCS#8)";
    }

    /** Signs a random challenge with the key and verifies it with the certificate's public key. */
    private static void checkPair(Path chainFile, Path keyFile, PublicKey publicKey, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return; // a key type without a plain signature scheme here; the handshake itself will tell
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsFileException("tls.privateKeyFile: " + keyFile + ": is not the key of the first certificate in "
                    + chainFile + " (the server certificate must come first, followed by its intermediates)");
        }
    }
}
