package org.signaltracker.netty.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the PEM files: what is accepted, and the message for each way a file can be unusable. */
class TlsKeyMaterialTest {

    private static TestCertificates authority;
    private static X509Bundle server;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        authority = TestCertificates.newAuthority();
        server = authority.issue("server-a");
    }

    @Test
    void readsTheChainLeafFirstAndItsKey() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(server, dir);
        TlsKeyMaterial material = TlsKeyMaterial.read(files.chain(), files.key());
        assertEquals(2, material.chain().size());
        assertEquals("CN=server-a", TestCertificates.cn(material.chain().get(0)));
        assertTrue(material.describe().contains("CN=server-a issued by CN=signal-tracker test CA"),
                material.describe());
        assertNull(material.validityWarning(Instant.now()));
        assertTrue(material.validityWarning(Instant.now().plus(3, ChronoUnit.DAYS)).contains("expired"));
    }

    @Test
    void missingFilesAreNamedWithTheirKey() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(server, dir);
        Path missing = dir.resolve("nope.pem");
        assertEquals("tls.certificateChainFile: " + missing + ": no such file",
                error(missing, files.key()));
        assertEquals("tls.privateKeyFile: " + missing + ": no such file", error(files.chain(), missing));
    }

    @Test
    void aFileWithoutPemBlocksIsRefused() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(server, dir);
        Files.writeString(files.chain(), "not a certificate\n");
        assertTrue(error(files.chain(), files.key()).startsWith("tls.certificateChainFile: " + files.chain()
                + ": holds no PEM certificate"));
        Files.writeString(files.chain(), server.getCertificatePathPEM().replace("MII", "M!I"));
        assertTrue(error(files.chain(), files.key()).contains("not a valid PEM certificate chain"));
    }

    @Test
    void keyFormatsTheDaemonCannotReadSayHowToConvert() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(server, dir);
        Files.writeString(files.key(), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertTrue(error(files.chain(), files.key()).contains("openssl pkcs8 -topk8 -nocrypt"));
        Files.writeString(files.key(), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertTrue(error(files.chain(), files.key()).contains("the key is encrypted"));
        Files.writeString(files.key(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertTrue(error(files.chain(), files.key()).contains("not a EC private key"));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(server, dir);
        Files.writeString(files.key(), authority.issue("server-b").getPrivateKeyPEM());
        assertEquals("tls.privateKeyFile: " + files.key() + ": is not the key of the first certificate in "
                + files.chain() + " (the server certificate must come first, followed by its intermediates)",
                error(files.chain(), files.key()));
    }

    @Test
    void sameAsNoticesChangedBytesAndChangedPaths() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(server, dir);
        TlsKeyMaterial material = TlsKeyMaterial.read(files.chain(), files.key());
        assertTrue(material.sameAs(files.chain(), files.key()));
        assertFalse(material.sameAs(files.chain(), dir.resolve("other.pem")));
        TestCertificates.write(authority.issue("server-b"), dir);
        assertFalse(material.sameAs(files.chain(), files.key()));
    }

    private static String error(Path chain, Path key) {
        return assertThrows(TlsFileException.class, () -> TlsKeyMaterial.read(chain, key)).getMessage();
    }
}
