package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.netty.app.Main;
import org.signaltracker.netty.transport.TestTransport;
import org.signaltracker.store.SmallFileSystem;

/** The daemon as a process: arguments, config errors at startup, and SIGTERM handling. */
class MainProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on /127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private static ProcessBuilder daemon(String... args) {
        return daemon(List.of(), args);
    }

    private static ProcessBuilder daemon(List<String> jvmOptions, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The default database is a SQLite file under the state directory: keep it in target/, not ./data.
        builder.environment().put("STATE_DIRECTORY", Path.of("target", "process-test-state").toAbsolutePath().toString());
        return builder;
    }

    private static String run(int expectedExit, String... args) throws Exception {
        return run(List.of(), expectedExit, args);
    }

    private static String run(List<String> jvmOptions, int expectedExit, String... args) throws Exception {
        Process process = daemon(jvmOptions, args).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not exit");
        assertEquals(expectedExit, process.exitValue(), output);
        return output;
    }

    @Test
    void printDefaultConfigPrintsTheDocumentedDefaults() throws Exception {
        assertEquals(ConfigFile.render(SignalTrackerConfig.defaults()), run(0, "--print-default-config"));
    }

    @Test
    void unknownKeyStopsStartupNamingIt() throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "server.port = 0\nserver.colour = blue\n");
        String output = run(2, "--config", config.toString());
        assertTrue(output.contains("line 2: unknown key 'server.colour'"), output);
    }

    @Test
    void badValueStopsStartupNamingKeyAndRange() throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "tracker.lockStripes = 100\n");
        String output = run(2, "--config", config.toString());
        assertTrue(output.contains("tracker.lockStripes: 100 (expected: a power of two in 1..65536)"), output);
    }

    /**
     * A transport named in the config that this machine cannot run stops the start with one line and status 2,
     * like a bad value. Netty's switch for its native transports stands in for a kernel or seccomp profile
     * that refuses them.
     */
    @ParameterizedTest(name = "server.transport = {0}")
    @ValueSource(strings = {"io_uring", "epoll"})
    void aConfiguredTransportThatCannotRunStopsStartupWithOneLineAndStatus2(String transport) throws Exception {
        Path config = dir.resolve("transport.conf");
        Files.writeString(config, "server.port = 0\nserver.bindAddress = 127.0.0.1\nserver.transport = " + transport
                + "\n");
        String output = run(List.of("-Dio.netty.transport.noNative=true"), 2, "--config", config.toString());
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("signal-tracker: cannot start: server.transport = " + transport + ", but "),
                output);
        assertTrue(last.contains("noNative"), "Netty's reason is named: " + last);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
    }

    @Test
    void anUnusableDatabaseStopsStartupWithOneLineAndStatus2() throws Exception {
        Path corrupt = dir.resolve("corrupt.db");
        Files.write(corrupt, new byte[4096]);
        Files.writeString(corrupt, "this is not a SQLite database at all, just text standing in its place\n");
        Path config = dir.resolve("db.conf");
        Files.writeString(config, "server.port = 0\ndatabase.url = sqlite:" + corrupt + "\n");
        String output = run(2, "--config", config.toString());
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("signal-tracker: database sqlite:" + corrupt + ": [SQLITE_NOTADB]"), output);
        assertTrue(!output.contains("listening on"), "nothing listens after a database fault:\n" + output);

        Files.writeString(config, "server.port = 0\ndatabase.url = postgresql://127.0.0.1:1/tracker\n"
                + "database.password = never-shown-password\n");
        output = run(2, "--config", config.toString());
        assertTrue(output.contains("signal-tracker: database postgresql://127.0.0.1:1/tracker: Connection to "
                + "127.0.0.1:1 refused"), output);
        assertTrue(!output.contains("never-shown-password"), output);
    }

    @Test
    void aDatabaseOnAFullDiskStopsStartupWithOneLineAndStatus2() throws Exception {
        Path mountPoint = Files.createDirectory(dir.resolve("full"));
        try (SmallFileSystem fs = SmallFileSystem.mount(mountPoint, 256)) {
            fs.fill();
            Path config = dir.resolve("full.conf");
            Files.writeString(config, "server.port = 0\ndatabase.url = sqlite:" + fs.path().resolve("t.db") + "\n");
            String output = run(2, "--config", config.toString());
            String last = output.strip().lines().reduce((a, b) -> b).orElse("");
            String expected = "signal-tracker: database sqlite:" + fs.path().resolve("t.db") + ": [SQLITE_FULL]";
            assertTrue(last.startsWith(expected), output);
            assertTrue(last.contains("no space left on the file system holding " + fs.path()), output);
            assertTrue(!output.contains("listening on"), "nothing listens after a database fault:\n" + output);
        }
    }

    @Test
    void mintTokenPrintsATokenTheHmacAuthenticatorAcceptsAndNeedsNoDaemon() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef-test";
        String output = run(0, "mint-token", "--secret", secret, "--ttl-seconds", "120", "alice");
        String token = output.strip();
        assertEquals(1, output.lines().count(), "the token alone on one line: " + output);
        long now = System.currentTimeMillis() / 1000;
        assertTrue(new org.signaltracker.core.signaling.HmacAuthenticator(secret, () -> now)
                .authenticate("alice", token), "a minted token must verify for its user: " + token);
        assertTrue(run(2, "mint-token", "--secret", "short", "alice").contains("secret"));
    }

    @Test
    void unknownArgumentPrintsUsage() throws Exception {
        assertTrue(run(2, "--frobnicate").contains("usage: signal-tracker"));
    }

    @Test
    void sigtermClosesWebSocketsWith1001AndExits() throws Exception {
        Path config = dir.resolve("run.conf");
        Files.writeString(config, TestTransport.appendTo("server.bindAddress = 127.0.0.1\nserver.port = 0\n"
                + "server.shutdownGraceSeconds = 3\ndatabase.url = sqlite:" + dir.resolve("state/t.db") + "\n"
                + "admin.port = 0\n"));
        Process process = daemon("--config", config.toString()).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 200 && port < 0; i++) {
                String line = log.readLine();
                if (line == null) {
                    break;
                }
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "no listening line in:\n" + seen);
            assertTrue(seen.toString().contains("effective configuration"), "the effective config is logged");
            assertTrue(seen.toString().contains("info-hash database: sqlite:" + dir.resolve("state/t.db")),
                    "the database is opened before listening:\n" + seen);
            assertTrue(Files.isRegularFile(dir.resolve("state/t.db")), "the database file is created");
            try (TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/announce"))) {
                client.send(Wire.announce("sig", "p", "started", 0));
                client.next();
                long started = System.nanoTime();
                process.destroy();
                assertEquals(1001, client.closeCode());
                assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the daemon did not exit after SIGTERM");
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(tookMillis < 3_000 + 5_000, "exit took " + tookMillis + " ms");
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
