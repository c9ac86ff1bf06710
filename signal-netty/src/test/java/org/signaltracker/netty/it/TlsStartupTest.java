package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.Main;
import org.signaltracker.netty.app.SignalTrackerServer;
import org.signaltracker.netty.tls.TestCertificates;
import org.signaltracker.netty.tls.TlsFileException;
import org.signaltracker.netty.transport.TestTransport;

/** Unusable certificate files stop the start with the config error, and the daemon with exit status 2. */
class TlsStartupTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileStopsTheStartNamingKeyAndFile() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(TestCertificates.newAuthority().issue("x"), dir);
        Files.delete(files.key());
        SignalTrackerServer server = new SignalTrackerServer(TrackerServerExtension.config(
                "tls.mode = both\ntls.port = 0\n" + files.configLines()), SystemClock.INSTANCE);
        TlsFileException e = assertThrows(TlsFileException.class, server::start);
        assertEquals("tls.privateKeyFile: " + files.key() + ": no such file", e.getMessage());
    }

    @Test
    void theDaemonExitsWithStatus2AndSaysWhy() throws Exception {
        TestCertificates.PemFiles files = TestCertificates.write(TestCertificates.newAuthority().issue("x"), dir);
        Files.writeString(files.chain(), "garbage\n");
        Path config = dir.resolve("tls.conf");
        Files.writeString(config, TestTransport.appendTo("server.bindAddress = 127.0.0.1\nserver.port = 0\n"
                + "admin.port = 0\ntls.mode = only\ntls.port = 0\n" + files.configLines()));
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString()))
                .redirectErrorStream(true);
        builder.environment().put("STATE_DIRECTORY", dir.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not exit");
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("signal-tracker: invalid TLS files: tls.certificateChainFile: " + files.chain()
                + ": holds no PEM certificate"), output);
    }
}
