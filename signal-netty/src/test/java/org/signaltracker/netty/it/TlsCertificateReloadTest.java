package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.OpenSsl;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.signaltracker.core.config.ConfigException;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.tls.TestCertificates;

/**
 * A reload with a renewed certificate (tls.mode = only): an open wss:// connection stays open and keeps
 * working, new connections get the new certificate; a broken certificate is refused and the one in use
 * stays; new file paths are followed.
 */
class TlsCertificateReloadTest {

    @TempDir
    Path dir;

    private SignalTrackerServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void renewedCertificateReachesNewConnectionsOnlyAndABrokenOneIsRefused(String engine) throws Exception {
        if (engine.equals("openssl")) {
            Assumptions.assumeTrue(OpenSsl.isAvailable(), () -> "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
        }
        TestCertificates authority = TestCertificates.newAuthority();
        Path live = dir.resolve("live");
        TestCertificates.PemFiles files = TestCertificates.write(authority.issue("first"), live);
        SignalTrackerConfig config = TrackerServerExtension.config("tls.mode = only\ntls.port = 0\ntls.engine = "
                + engine + "\n" + files.configLines());
        server = new SignalTrackerServer(config, SystemClock.INSTANCE);
        int port = server.start().getPort();
        assertEquals(port, server.tlsAddress().getPort());
        assertEquals("CN=first", servedCertificate(authority, port));

        HttpClient https = HttpClient.newBuilder().sslContext(authority.clientContext()).build();
        try (TestClient open = TestClient.connect(https, URI.create("wss://127.0.0.1:" + port + "/announce"))) {
            open.send(Wire.announce("renewal", "peer-a", "started", 0));
            assertEquals("announce", open.next().get("action"));

            // Renewal in place, as certbot does: same paths, new bytes; the config itself is unchanged.
            TestCertificates.write(authority.issue("second"), live);
            server.live().check(config);
            server.live().replace(config);
            assertEquals("CN=second", servedCertificate(authority, port));
            open.send(Wire.announce("renewal", "peer-a", null, 0));
            assertEquals("announce", open.next().get("action"));

            // A half-written or wrong file is refused; the certificate in use stays. The reload's check refuses
            // the whole config first; should the file break after that check, the swap itself refuses it.
            Files.writeString(files.chain(), "-----BEGIN CERTIFICATE-----\ntruncated");
            ConfigException refused = assertThrows(ConfigException.class, () -> server.live().check(config));
            assertTrue(refused.getMessage().startsWith("tls.certificateChainFile: " + files.chain()),
                    refused.getMessage());
            server.live().replace(config);
            assertEquals("CN=second", servedCertificate(authority, port));
            Files.writeString(files.chain(), authority.issue("third").getCertificatePathPEM());
            server.live().replace(config); // a new certificate, but the key on disk is still the second's
            assertEquals("CN=second", servedCertificate(authority, port));

            // New paths in the config are followed.
            TestCertificates.PemFiles moved = TestCertificates.write(authority.issue("fourth"), dir.resolve("moved"));
            server.live().replace(TrackerServerExtension.config("tls.mode = only\ntls.port = 0\ntls.engine = "
                    + engine + "\n" + moved.configLines()));
            assertEquals("CN=fourth", servedCertificate(authority, port));

            open.send(Wire.announce("renewal", "peer-a", null, 0));
            assertEquals("announce", open.next().get("action"));
            assertFalse(open.isClosed());
            assertNull(open.poll(0));
        }
    }

    /** The subject of the certificate a new connection is served. */
    private static String servedCertificate(TestCertificates authority, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) authority.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return TestCertificates.cn((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }
}
