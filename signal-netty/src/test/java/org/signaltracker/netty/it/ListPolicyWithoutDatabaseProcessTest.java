package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.netty.app.Main;
import org.signaltracker.netty.transport.TestTransport;

/** A list policy with no database would refuse every torrent: the start stops with one line and status 2. */
class ListPolicyWithoutDatabaseProcessTest {

    @TempDir
    Path dir;

    @Test
    void allowListWithAnEmptyDatabaseUrlStopsTheStart() throws Exception {
        Path config = dir.resolve("list.conf");
        Files.writeString(config, TestTransport.appendTo(
                "server.port = 0\nadmin.port = 0\ndatabase.url =\ndatabase.policy = allow-list\n"));
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not exit");
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("signal-tracker: database.policy = allow-list needs a database, but "
                + "database.url is empty"), output);
        assertTrue(!output.contains("listening on"), output);
    }
}
