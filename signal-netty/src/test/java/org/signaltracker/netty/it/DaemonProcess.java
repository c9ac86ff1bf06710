package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signaltracker.netty.app.Main;

/**
 * The daemon as a child process of the test's JVM, started with a config file: waits for its listening
 * line, keeps reading its output (so a full pipe never stalls it) and stops it with SIGTERM or SIGKILL.
 */
final class DaemonProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on /127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final int port;

    private DaemonProcess(Process process) throws Exception {
        this.process = process;
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // The process went away; what it printed is kept.
            }
            listening.complete(-1);
        }, "daemon-output");
        reader.setDaemon(true);
        reader.start();
        this.port = listening.get(60, TimeUnit.SECONDS);
        assertTrue(port > 0, "the daemon did not start:\n" + output);
    }

    static DaemonProcess start(Path config) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString()));
        return new DaemonProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/announce");
    }

    String output() {
        return output.toString();
    }

    /** SIGTERM, then waits for the exit; fails the test if it does not come. */
    void terminate() throws Exception {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the daemon did not exit after SIGTERM:\n" + output);
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws Exception {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the daemon did not die after SIGKILL");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
