package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure Debian packages a test runs are installed: asks dpkg, installs the missing ones with apt-get
 * (root on CI; refreshing the package lists first only when the install fails without them), and fails
 * the test with the reason when they still are not there. Never skips: a test that needs them must run.
 */
final class DebianPackages {

    private static final Duration DPKG_TIMEOUT = Duration.ofSeconds(30);
    /** An install downloads a few MB on a fresh machine; another apt run holding the lock gets a minute. */
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(4);

    private DebianPackages() {
    }

    /** Installs whichever of {@code packages} dpkg does not report as installed; fails the test if it cannot. */
    static void ensureInstalled(List<String> packages) throws Exception {
        List<String> missing = missing(packages);
        if (missing.isEmpty()) {
            return;
        }
        System.out.println("installing Debian packages " + missing + " for " + packages);
        Result install = aptGet(missing, "install", "-y", "-q", "--no-install-recommends");
        if (!install.ok()) {
            // A fresh image often ships without package lists: refresh them once and try again.
            Result update = aptGet(List.of(), "update", "-q");
            install = aptGet(missing, "install", "-y", "-q", "--no-install-recommends");
            if (!install.ok()) {
                fail("cannot install the Debian packages " + missing + " that this test runs (it needs root, or "
                        + "the packages preinstalled: apt-get install " + String.join(" ", packages) + ").\n"
                        + "apt-get update: " + update + "\napt-get install: " + install);
            }
        }
        List<String> still = missing(packages);
        if (!still.isEmpty()) {
            fail("apt-get install succeeded but dpkg still lacks " + still + ": " + install);
        }
    }

    static List<String> missing(List<String> packages) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String name : packages) {
            Result status = run(DPKG_TIMEOUT, List.of("dpkg-query", "-W", "-f=${Status}", name));
            if (!status.ok() || !status.output.contains("install ok installed")) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static Result aptGet(List<String> packages, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=60"));
        command.addAll(List.of(arguments));
        command.addAll(packages);
        return run(APT_TIMEOUT, command);
    }

    /** Runs a command with a bound, output (both streams) to a file so a chatty command never stalls. */
    private static Result run(Duration timeout, List<String> command) throws Exception {
        Path log = Files.createTempFile("debian-packages", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new Result(command, -1, "cannot run: " + e.getMessage());
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new Result(command, -1, "no exit within " + timeout.toSeconds() + " s: " + tail(log));
                }
                return new Result(command, process.exitValue(), tail(log));
            } finally {
                process.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    private record Result(List<String> command, int status, String output) {
        boolean ok() {
            return status == 0;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> status " + status + "\n" + output.strip();
        }
    }
}
