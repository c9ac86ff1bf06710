package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.netty.app.Main;
import org.signaltracker.netty.app.NotifySocket;
import org.signaltracker.netty.transport.TestTransport;

/**
 * The daemon as systemd runs it: stdout is the journal (JOURNAL_STREAM names it), so every line carries a
 * {@code <N>} priority; NOTIFY_SOCKET gets READY=1 once listening; a real {@code kill -HUP} reloads the
 * file around RELOADING=1 and READY=1 while a WebSocket stays open; SIGTERM sends STOPPING=1.
 */
class HangupReloadProcessTest {

    private static final Pattern LISTENING = Pattern.compile("<6>SignalTrackerServer: listening on /127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void killHupReloadsUnderSystemdNotifyWithJournalPriorities() throws Exception {
        assumeTrue(Epoll.isAvailable(), "unix datagrams need Netty's native epoll");
        Path config = dir.resolve("signal-tracker.conf");
        String base = TestTransport.appendTo(
                "server.bindAddress = 127.0.0.1\nserver.port = 0\nadmin.port = 0\nserver.shutdownGraceSeconds = 1\n");
        Files.writeString(config, base + "limits.messagesPerSecond = 50\n");
        Path stdout = dir.resolve("stdout");
        Files.createFile(stdout);
        String journalStream = Files.getAttribute(stdout, "unix:dev") + ":" + Files.getAttribute(stdout, "unix:ino");
        try (NotifySocket systemd = new NotifySocket(dir.resolve("notify").toString())) {
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString()))
                    .redirectErrorStream(true).redirectOutput(stdout.toFile());
            builder.environment().put("NOTIFY_SOCKET", systemd.name());
            builder.environment().put("STATE_DIRECTORY", dir.toString());
            builder.environment().put("JOURNAL_STREAM", journalStream);
            Process daemon = builder.start();
            try {
                assertEquals("READY=1\nSTATUS=serving", systemd.next(30), "READY=1 once listening");
                Matcher listening = LISTENING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
                assertTrue(listening.find(), "the listening line, at priority 6, before READY=1");
                int port = Integer.parseInt(listening.group(1));
                try (TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/announce"))) {
                    Files.writeString(config, base + "limits.messagesPerSecond = 7\nserver.ioThreads = 1\n");
                    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start();
                    assertEquals(0, kill.waitFor(), "kill -HUP");
                    String reloading = systemd.next(10);
                    assertTrue(reloading != null && reloading.startsWith("RELOADING=1\n"), "got " + reloading);
                    assertEquals("READY=1\nSTATUS=serving", systemd.next(10), "READY=1 after the reload");
                    awaitLine(stdout, "<4>ConfigReloader: reload: server.ioThreads changed but only apply after a "
                            + "restart; the running values stay until then");
                    awaitLine(stdout, "<6>ConfigReloader: reload of " + config + ": applied limits.messagesPerSecond");
                    client.send(Wire.scrape("still-open"));
                    assertEquals("scrape", client.next().get("action"), "the WebSocket outlived the reload");
                    assertTrue(daemon.isAlive(), "SIGHUP reloads instead of stopping the JVM");
                }
                daemon.destroy();
                assertEquals("STOPPING=1\nSTATUS=stopping", systemd.next(10));
                assertTrue(daemon.waitFor(15, TimeUnit.SECONDS), "the daemon exits after SIGTERM");
                awaitLine(stdout, "<6>Main: stopped");
            } finally {
                daemon.destroyForcibly();
            }
        }
    }

    private static void awaitLine(Path file, String line) {
        Await.until(() -> {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).contains(line);
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(15), () -> "the line '" + line + "' in:\n" + read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
