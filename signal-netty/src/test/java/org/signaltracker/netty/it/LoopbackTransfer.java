package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.signaltracker.netty.it.SwarmTrace.Counts;

/**
 * One file moved between two real BitTorrent clients on 127.0.0.1 through a tracker, checked step by step
 * against what the tracker records for the swarm: a libtorrent seeder announces started and is counted
 * complete; the leecher (libtorrent or aria2) announces started, downloads, announces completed and, asked
 * to stop once the tracker counted that, announces stopped; then the seeder too, and the swarm is empty.
 * Each client runs under {@code timeout} and is killed by PID when the transfer ends, however it ends.
 */
final class LoopbackTransfer {

    /** Python with Debian's dist-packages, where python3-libtorrent lives (a pyenv python3 does not see them). */
    static final String DEBIAN_PYTHON = "/usr/bin/python3";
    static final List<String> PACKAGES = List.of("python3-libtorrent", "mktorrent", "aria2");

    static final int PAYLOAD_BYTES = 3_000_000;
    /** Bounds that only a failure reaches: on loopback each step takes well under a second. */
    private static final Duration SEEDER_ANNOUNCED = Duration.ofSeconds(20);
    private static final Duration LEECHER_DONE = Duration.ofSeconds(40);
    private static final Duration LEECHER_STOPPED = Duration.ofSeconds(15);
    private static final Duration STATE_SETTLED = Duration.ofSeconds(10);

    /** The swarm as the tracker counts it after each event, in the order the events come. */
    static final Counts SEEDING = new Counts(1, 0, 0);
    static final Counts LEECHING = new Counts(1, 1, 0);
    /** Only a completed event counts a download. */
    static final Counts COMPLETED = new Counts(2, 0, 1);
    static final Counts LEECHER_GONE = new Counts(1, 0, 1);

    enum Leecher { LIBTORRENT, ARIA2 }

    /** What a transfer showed, for the test's own checks and its report line. */
    record Result(long transferMillis, String trace, String seederOutput, String leecherOutput) {
    }

    private LoopbackTransfer() {
    }

    /**
     * Runs the whole transfer of {@code torrent} (made by {@link RealTorrent#make} in {@code directory});
     * {@code tracker} reads the swarm's counts from the tracker under test.
     */
    static Result run(Path directory, RealTorrent torrent, Leecher leecher, Function<byte[], Counts> tracker)
            throws Exception {
        Path leech = Files.createDirectories(directory.resolve("leech"));
        try (SwarmTrace trace = SwarmTrace.start(tracker, torrent.infoHash);
                ClientProcess seeder = ClientProcess.start("seeder", directory, Duration.ofSeconds(60),
                        libtorrent("seed", torrent.torrent, torrent.seedDirectory, 50))) {
            Await.until(() -> trace.latest().equals(SEEDING), SEEDER_ANNOUNCED,
                    () -> "the seeder's started announce, counted complete: expected " + SEEDING + ", trace " + trace
                            + "\nseeder (" + seeder + "):\n" + seeder.output());

            long start = System.nanoTime();
            int status;
            String leecherOutput;
            try (ClientProcess client = startLeecher(leecher, directory, torrent, leech)) {
                Await.until(() -> trace.latest().equals(COMPLETED) || !client.isAlive(), LEECHER_DONE,
                        () -> "the leecher's completed announce; trace " + trace + "\nleecher:\n" + client.output());
                client.interrupt();
                status = client.awaitExit(LEECHER_STOPPED);
                leecherOutput = client.output();
            }
            long transferMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, status, "the leecher's exit status; its output:\n" + leecherOutput
                    + "\nseeder:\n" + seeder.output() + "\ntracker trace: " + trace);
            assertEquals(-1L, Files.mismatch(torrent.seedDirectory.resolve(RealTorrent.PAYLOAD),
                    leech.resolve(RealTorrent.PAYLOAD)), "the leeched file differs from the seeded one");

            trace.awaitState("the leecher's stopped announce removed it; the seeder stays", LEECHER_GONE,
                    STATE_SETTLED);
            trace.assertSequence("seeder started, leecher started, leecher completed, leecher stopped",
                    SEEDING, LEECHING, COMPLETED, LEECHER_GONE);

            seeder.interrupt();
            assertEquals(0, seeder.awaitExit(LEECHER_STOPPED), "the seeder's exit status:\n" + seeder.output());
            // Without peers a swarm may be freed, and its download count with it when nothing stores it.
            Await.until(() -> trace.latest().complete() == 0 && trace.latest().incomplete() == 0, STATE_SETTLED,
                    () -> "the seeder's stopped announce removed it: trace " + trace + "\nseeder:\n" + seeder.output());
            return new Result(transferMillis, trace.toString(), seeder.output(), leecherOutput);
        }
    }

    private static ClientProcess startLeecher(Leecher leecher, Path directory, RealTorrent torrent, Path leech)
            throws IOException, URISyntaxException {
        return switch (leecher) {
            case LIBTORRENT -> ClientProcess.start("leecher", directory, Duration.ofSeconds(45),
                    libtorrent("leech", torrent.torrent, leech, 35));
            case ARIA2 -> ClientProcess.start("leecher", directory, Duration.ofSeconds(45), aria2(directory, torrent,
                    leech));
        };
    }

    /** lt_client.py (test resources) under Debian's python, with its own deadline inside the timeout. */
    static List<String> libtorrent(String mode, Path torrent, Path directory, int deadlineSeconds)
            throws URISyntaxException {
        Path script = Path.of(LoopbackTransfer.class.getResource("/real-clients/lt_client.py").toURI());
        return List.of(DEBIAN_PYTHON, script.toString(), mode, torrent.toString(), directory.toString(),
                Integer.toString(deadlineSeconds));
    }

    /**
     * aria2c as a leecher that keeps seeding once the file is complete (--seed-ratio=0.0 without a seed
     * time), so its completed announce, sent at its next tracker round, comes before the stopped one that
     * SIGINT brings. (With --seed-time=0 aria2 1.36 stops before that round: started, then stopped with
     * left 0, never completed.) aria2 runs its UDP tracker client on the DHT socket, so DHT stays enabled;
     * with a scratch routing table and no entry point it has nobody to talk to. Local peer discovery and
     * peer exchange are off; every socket is on loopback.
     */
    static List<String> aria2(Path directory, RealTorrent torrent, Path leech) throws IOException {
        return List.of("aria2c", "--no-conf=true", "--dir=" + leech, "--seed-ratio=0.0", "--bt-enable-lpd=false",
                "--enable-peer-exchange=false", "--enable-dht=true", "--enable-dht6=false",
                "--dht-file-path=" + directory.resolve("dht.dat"), "--dht-listen-port=" + freeUdpPort(),
                "--listen-port=" + freeTcpPort(), "--disable-ipv6=true", "--file-allocation=none",
                "--summary-interval=0", "--console-log-level=notice", "--log=" + directory.resolve("aria2.log"),
                "--log-level=info", torrent.torrent.toString());
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertFalse(socket.getLocalPort() == 0);
            return socket.getLocalPort();
        }
    }
}
