package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.netty.app.Main;
import org.signaltracker.netty.cli.TorrentsCommand;
import org.signaltracker.netty.transport.TestTransport;

/**
 * The daemon runs as a process on a SQLite file while {@code signal-tracker torrents} works on the same
 * file (in this JVM through its entry method, and once as a process of its own): each sees the other's
 * changes, the admin API included; bad files, arguments, configs and databases get their exit status and
 * message.
 */
class TorrentsCliWhileDaemonRunsTest {

    private static final String TOKEN = "cli-and-api-token-0123456789";
    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "1111111111111111111111111111111111111111";
    private static final String C = "2222222222222222222222222222222222222222";
    private static final Pattern ADMIN = Pattern.compile("admin listener .* on /127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    static Path dir;
    private static Path config;
    private static Process daemon;
    private static int adminPort;
    private static final LinkedBlockingQueue<String> DAEMON_OUTPUT = new LinkedBlockingQueue<>();

    /** What one run of the command printed and returned. */
    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void startDaemon() throws Exception {
        config = dir.resolve("tracker.conf");
        Files.writeString(config, TestTransport.appendTo("server.bindAddress = 127.0.0.1\nserver.port = 0\n"
                + "admin.port = 0\nadmin.token = " + TOKEN + "\ndatabase.url = sqlite:" + dir.resolve("torrents.db")
                + "\n"));
        daemon = java(Main.class.getName(), "--config", config.toString()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    DAEMON_OUTPUT.add(line);
                }
            } catch (java.io.IOException closed) {
                // the daemon is gone
            }
        }, "daemon-output");
        reader.setDaemon(true);
        reader.start();
        adminPort = awaitAdminPort();
    }

    private static int awaitAdminPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = DAEMON_OUTPUT.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                Matcher m = ADMIN.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        throw new AssertionError("the daemon did not open its admin listener:\n" + String.join("\n", seen));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.destroy(); // SIGTERM
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon did not stop on SIGTERM");
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        int status = TorrentsCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        return AdminHttp.send(adminPort, method, path, "Bearer " + TOKEN, body);
    }

    @Test
    void theCliAndTheApiSeeEachOthersChangesWhileTheDaemonRuns() throws Exception {
        assertEquals(new Run(0, "added\t" + A + "\n", ""), cli("add", A, "--name", "Sintel", "--comment", "CC-BY"));
        HttpResponse<String> seen = api("GET", "/admin/torrents/" + A, null);
        assertEquals(200, seen.statusCode(), seen.body());
        assertTrue(seen.body().contains("\"name\":\"Sintel\",\"comment\":\"CC-BY\",\"allowed\":true"), seen.body());

        assertEquals(201, api("PUT", "/admin/torrents/" + B, "{\"name\":\"Tears of Steel\",\"allowed\":false}").statusCode());
        Run list = cli("list");
        assertEquals(0, list.status(), list.err());
        List<String> rows = list.out().lines().toList();
        assertEquals(2, rows.size(), list.out());
        assertTrue(rows.get(0).matches(A + "\tallowed\t0\t\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z\t-\t-\tSintel"), rows.get(0));
        assertTrue(rows.get(1).startsWith(B + "\tdenied\t0\t") && rows.get(1).endsWith("\t-\t-\tTears of Steel"), rows.get(1));

        assertEquals(new Run(0, "allowed\t" + B + "\n", ""), cli("allow", B));
        assertTrue(api("GET", "/admin/torrents/" + B, null).body().contains("\"allowed\":true"));
        assertEquals(new Run(0, "removed\t" + B + "\n", ""), cli("remove", B));
        assertEquals(404, api("GET", "/admin/torrents/" + B, null).statusCode());
        assertEquals(204, api("DELETE", "/admin/torrents/" + A, null).statusCode());
        assertEquals(new Run(0, "", ""), cli("list"));
    }

    @Test
    void importChecksTheWholeFileFirstAndExportWritesItBack() throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# torrents\n" + C + " Cosmos Laundromat\nnot-a-hash\n" + C.substring(2) + "\n");
        Run refused = cli("import", bad.toString());
        assertEquals(1, refused.status());
        assertEquals("signal-tracker torrents: " + bad + ": nothing imported, bad lines:\n"
                + "  line 3: info hash: 10 characters (expected: 40 hex digits)\n"
                + "  line 4: info hash: 38 characters (expected: 40 hex digits)\n", refused.err());
        assertEquals(404, api("GET", "/admin/torrents/" + C, null).statusCode(), "nothing of a bad file is imported");

        Path good = dir.resolve("good.txt");
        Files.writeString(good, "# torrents\n\n" + C + " Cosmos Laundromat\n" + A.toUpperCase() + "\n");
        assertEquals(new Run(0, "imported\t2\t(2 new, 0 updated, denied)\n", ""), cli("import", good.toString(), "--deny"));
        assertTrue(api("GET", "/admin/torrents/" + C, null).body().contains("\"name\":\"Cosmos Laundromat\",\"comment\":null,"
                + "\"allowed\":false"));

        Path exported = dir.resolve("export.txt");
        assertEquals(new Run(0, "exported\t2\t" + exported + "\n", ""), cli("export", exported.toString(), "--denied"));
        assertEquals("# signal-tracker torrents export (denied): info hash, then name\n" + A + "\n" + C
                + " Cosmos Laundromat\n", Files.readString(exported));
        assertEquals(new Run(0, "# signal-tracker torrents export (allowed): info hash, then name\n", ""),
                cli("export", "--allowed"));

        Run page = cli("list", "--denied", "--limit", "1");
        assertEquals(A, page.out().split("\t")[0]);
        assertEquals("more: the next page starts after " + A + " (--after " + A + ")\n", page.err());
        assertTrue(cli("list", "--after", A).out().startsWith(C + "\tdenied\t"));
        assertEquals(C, cli("list", "--name", "cosmos").out().split("\t")[0]);
        cli("remove", A, C);
    }

    @Test
    void badArgumentsAndConfigsExitWith2AndSayWhy() throws Exception {
        Run shortHash = cli("add", A.substring(1));
        assertEquals(2, shortHash.status());
        assertEquals("signal-tracker torrents: '" + A.substring(1) + "': info hash: 39 characters (expected: 40 hex digits)"
                + " (signal-tracker torrents --help lists the commands)\n", shortHash.err());
        assertEquals(2, cli("frobnicate").status());
        assertTrue(cli("list", "--limit", "5000").err().contains("--limit: 5000 (expected: 1..1000)"));
        assertTrue(cli("list", "--comment", "x").err().contains("list does not take --comment"));
        assertTrue(cli("import").err().contains("import takes one file"));
        Run unknown = cli("remove", C);
        assertEquals(new Run(1, "", "signal-tracker torrents: not registered: " + C + "\n"), unknown);

        Path badConfig = dir.resolve("bad.conf");
        Files.writeString(badConfig, "database.colour = blue\n");
        assertEquals(new Run(2, "", "signal-tracker torrents: invalid config " + badConfig + ": line 1: unknown key "
                + "'database.colour' (run --print-default-config for the list of keys)\n"),
                cli("--config", badConfig.toString(), "list"));
        Path noDatabase = dir.resolve("none.conf");
        Files.writeString(noDatabase, "database.url =\n");
        assertEquals(new Run(2, "", "signal-tracker torrents: database.url is empty in " + noDatabase
                + ": there is no database to manage\n"), cli("list", "--config", noDatabase.toString()));

        Path missing = dir.resolve("missing.conf");
        Files.writeString(missing, "database.url = sqlite:" + dir.resolve("nowhere.db") + "\n");
        assertEquals(new Run(2, "", "signal-tracker torrents: database sqlite:" + dir.resolve("nowhere.db") + " does not "
                + "exist; the daemon creates it when it first starts. Check --config and STATE_DIRECTORY (without it, "
                + "a relative path lies under ./data)\n"), cli("--config", missing.toString(), "add", A));
        assertTrue(Files.notExists(dir.resolve("nowhere.db")), "the command creates no database");

        Path corrupt = dir.resolve("corrupt.db");
        Files.writeString(corrupt, "this is not a SQLite database at all, just text standing in its place\n");
        Path corruptConfig = dir.resolve("corrupt.conf");
        Files.writeString(corruptConfig, "database.url = sqlite:" + corrupt + "\n");
        Run broken = cli("--config", corruptConfig.toString(), "list");
        assertEquals(3, broken.status(), "a database that cannot be used is status 3");
        assertTrue(broken.err().startsWith("signal-tracker torrents: database sqlite:" + corrupt + ": "), broken.err());
    }

    @Test
    void theCommandAsItsOwnProcess() throws Exception {
        assertEquals(201, api("PUT", "/admin/torrents/" + B, "{\"name\":\"Elephants Dream\"}").statusCode());
        Process process = java(Main.class.getName(), "torrents", "--config", config.toString(), "list", "--allowed").start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.startsWith(B + "\tallowed\t0\t") && output.endsWith("\tElephants Dream\n"), output);
        Process usage = java(Main.class.getName(), "torrents", "--config", config.toString(), "deny").start();
        String refusal = new String(usage.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(usage.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, usage.exitValue(), refusal);
        assertTrue(refusal.contains("deny takes one or more info hashes"), refusal);
        assertEquals(204, api("DELETE", "/admin/torrents/" + B, null).statusCode());
    }
}
