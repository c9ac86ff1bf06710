package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;

/** The announce scenario over wss:// against the real server's TLS listener: every connection handshakes and announces. */
@Timeout(30)
class WssAnnounceLoadTest {

    @Test
    @SuppressWarnings("unchecked")
    void announcesRoundTripOverTls(@TempDir Path dir) throws Exception {
        X509Bundle certificate = new CertificateBuilder().subject("CN=load test").addSanIpAddress("127.0.0.1")
                .notBefore(Instant.now().minus(1, ChronoUnit.HOURS)).notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .ecp256().setIsCertificateAuthority(true).buildSelfSigned();
        Path chain = Files.writeString(dir.resolve("fullchain.pem"), certificate.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("privkey.pem"), certificate.getPrivateKeyPEM());
        SignalTrackerServer server = new SignalTrackerServer(ConfigFile.parse("server.bindAddress = 127.0.0.1\n"
                + "admin.port = 0\nserver.shutdownGraceSeconds = 1\ntls.mode = only\ntls.port = 0\n"
                + "tls.certificateChainFile = " + chain
                + "\ntls.privateKeyFile = " + key + "\ntracker.minAnnounceIntervalSeconds = 0\n"
                + "limits.messagesPerSecond = 10000000\nlimits.messageBurst = 10000000\n"), SystemClock.INSTANCE);
        int port = server.start().getPort();
        try {
            LoadConfig config = LoadOptions.parse(new String[] {"--url", "wss://127.0.0.1:" + port + "/announce",
                "--connections", "20", "--warmupSeconds", "1", "--durationSeconds", "1",
                "--histogramLog", dir.resolve("wss.hlog").toString()});
            Map<String, Object> summary = LoadRun.summaryOf(config);
            String report = (String) summary.get("report");
            assertTrue(report.contains("load: wss:// on the"), report);
            assertTrue(((Number) summary.get("announcesPerSecond")).doubleValue() > 0, report);
            assertEquals(0.0, ((Number) summary.get("announceFailuresPerSecond")).doubleValue(), report);
            assertEquals(20, server.tlsMetrics().handshakes(TlsMetrics.Handshake.COMPLETED));
        } finally {
            server.stop();
        }
    }
}
