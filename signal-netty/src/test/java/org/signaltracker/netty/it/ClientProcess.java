package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A BitTorrent client run as a child process under coreutils' {@code timeout}, so it dies even if this JVM
 * does. Its output goes to a log file (a full pipe can never stall it). {@link #close} kills it and
 * everything it started by PID, whatever state it is in: tests open it in try-with-resources.
 */
final class ClientProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ClientProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code directory} under {@code timeout -k 2 <limit>}; {@link #interrupt}
     * asks it to stop sooner.
     */
    static ClientProcess start(String name, Path directory, Duration limit, List<String> command) throws IOException {
        List<String> bounded = new ArrayList<>(List.of("timeout", "-k", "2", Long.toString(limit.toSeconds())));
        bounded.addAll(command);
        Path log = directory.resolve(name + ".log");
        Process process = new ProcessBuilder(bounded).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ClientProcess(name, process, log);
    }

    /** The exit status; fails the test when the process has not exited within {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail(name + " did not exit within " + timeout.toMillis() + " ms; its output:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * SIGINT to the client (not to {@code timeout}): both clients take it as "stop now, cleanly", announce
     * stopped and exit. aria2 treats SIGTERM as an emergency stop that announces nothing, hence SIGINT.
     */
    void interrupt() throws Exception {
        for (ProcessHandle client : process.descendants().toList()) {
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(client.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                assertTrue(!client.isAlive(), "cannot send SIGINT to " + name + " (pid " + client.pid() + ")");
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of the output that contain {@code text}. */
    List<String> linesWith(String text) {
        return output().lines().filter(line -> line.contains(text)).toList();
    }

    /** Kills the client (and what timeout started) by PID; a no-op for one that has exited. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
