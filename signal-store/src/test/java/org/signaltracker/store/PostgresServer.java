package org.signaltracker.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, made from the Debian {@code postgresql} binaries: initdb into a
 * temporary directory, listening on a free port of 127.0.0.1 only, password authentication (scram-sha-256)
 * for its one superuser, and no durability (fsync off) since the data dies with it. PostgreSQL refuses to
 * run as root, so under root every command runs as {@code nobody}. {@link #close()} stops it and deletes
 * the directory. Not thread-safe; tests share one through {@link PostgresServerExtension}.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "signal";
    /** The database initdb creates; tests each take a schema in it. */
    static final String DATABASE = "postgres";
    /** Where each major version's bin directory lies: Debian's place, or $SIGNAL_TRACKER_TEST_POSTGRESQL. */
    static final Path DEBIAN_BINARIES = Path.of(System.getenv().getOrDefault("SIGNAL_TRACKER_TEST_POSTGRESQL",
            "/usr/lib/postgresql"));
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path binaries;
    private final Path directory;
    private final boolean asNobody;
    private final String password = "pw-" + UUID.randomUUID();
    private int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Stops the server even if the test JVM ends without JUnit closing it (a fork killed on timeout). */
    private final Thread stopAtExit = new Thread(this::close, "postgres-test-server-stop");

    private PostgresServer(Path binaries, Path directory, boolean asNobody) {
        this.binaries = binaries;
        this.directory = directory;
        this.asNobody = asNobody;
    }

    /** The newest installed {@code bin} directory holding initdb and pg_ctl, if any. */
    static Optional<Path> findBinaries() {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> versionNumber(bin.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionNumber(Path versionDirectory) {
        try {
            return Integer.parseInt(versionDirectory.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static PostgresServer start(Path binaries) throws IOException, InterruptedException {
        boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        Path directory = Files.createTempDirectory("signal-store-pg");
        PostgresServer server = new PostgresServer(binaries, directory, root);
        Runtime.getRuntime().addShutdownHook(server.stopAtExit);
        try {
            server.initAndStart();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        if (asNobody) {
            UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody");
            Files.setOwner(directory, nobody);
            Files.setOwner(passwordFile, nobody);
        }
        Path data = directory.resolve("data");
        run(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
                "--no-instructions"));
        port = freePort();
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                directory.resolve("server.log").toString(), "-w", "-t", "30", "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories='' -c fsync=off "
                        + "-c full_page_writes=off -c synchronous_commit=off", "start"));
    }

    String password() {
        return password;
    }

    int port() {
        return port;
    }

    /** The store's URL form of one schema (and so one empty namespace) in the shared test database. */
    String url(String schema) {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE + "?currentSchema=" + schema;
    }

    /**
     * Creates an empty schema, so each test starts from no tables at all; far cheaper than a database per
     * test, which copies a template.
     */
    String createSchema() throws SQLException {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = connect("public"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        }
        return name;
    }

    Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection("jdbc:" + url(schema), USER, password);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException e) {
                // The JVM is already exiting; the hook runs this, harmlessly, again.
            }
        }
        try {
            if (port != 0) {
                run(List.of(binaries.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
                        "-m", "immediate", "-w", "stop"));
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("PostgreSQL test server did not stop cleanly: " + e.getMessage());
        } finally {
            deleteTree(directory);
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("signal-store-pg", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no exit within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + "\n"
                        + Files.readString(output) + serverLog());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() {
        Path log = directory.resolve("server.log");
        try {
            return Files.exists(log) ? "server log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
