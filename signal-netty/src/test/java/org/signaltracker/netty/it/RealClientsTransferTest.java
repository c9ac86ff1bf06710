package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.tracker.ScrapeCounts;
import org.signaltracker.netty.it.LoopbackTransfer.Leecher;
import org.signaltracker.netty.it.SwarmTrace.Counts;

/**
 * Real BitTorrent clients from Debian move a 3,000,000-byte file through this daemon, once over the HTTP
 * tracker (libtorrent to libtorrent) and once over the UDP tracker (libtorrent to aria2), on 127.0.0.1.
 * Checked: the leecher's exit status, the bytes, and the swarm as the tracker counts it after each event
 * (seeder started and counted complete, leecher started, leecher completed, each stopped).
 *
 * <p>The clients come from Debian's python3-libtorrent, mktorrent and aria2, installed here with apt-get
 * when dpkg lacks them (CI runs as root); a machine that can install nothing must have them preinstalled,
 * or this test fails and says so. The transfers take a few seconds; every wait is bounded.
 */
class RealClientsTransferTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "classic.http = on\nclassic.udp = on\nclassic.udpPort = 0\n");

    @TempDir
    Path directory;

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void installClients() throws Exception {
        DebianPackages.ensureInstalled(LoopbackTransfer.PACKAGES);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void libtorrentToLibtorrentOverHttp() throws Exception {
        String url = "http://127.0.0.1:" + SERVER.port() + "/announce";
        Seen before = Seen.now();
        LoopbackTransfer.Result result = transfer(url, Leecher.LIBTORRENT);
        Seen seen = Seen.now().minus(before);
        System.out.println("  the daemon counted " + seen);
        // started and stopped from the seeder; started, completed and stopped from the leecher.
        assertTrue(seen.httpAnnounces >= 5, "HTTP announces: " + seen);
        assertEquals(seen.httpAnnounces, seen.httpAnswered, "every HTTP announce answered, none refused: " + seen);
        assertEquals(2, seen.peersJoined, "two address peers joined the swarm: " + seen);
        // libtorrent's own account: each event it sent was answered, none failed.
        assertAnswered(result.seederOutput(), "seed", List.of("started", "stopped"));
        assertAnswered(result.leecherOutput(), "leech", List.of("started", "completed", "stopped"));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void libtorrentToAria2OverUdp() throws Exception {
        String url = "udp://127.0.0.1:" + SERVER.port() + "/announce";
        Seen before = Seen.now();
        LoopbackTransfer.Result result = transfer(url, Leecher.ARIA2);
        Seen seen = Seen.now().minus(before);
        System.out.println("  the daemon counted " + seen);
        assertTrue(seen.udpConnects >= 2, "UDP connects, one per client at least: " + seen);
        assertTrue(seen.udpAnnounces >= 5, "UDP announces: " + seen);
        assertEquals(0, seen.httpAnnounces, "no HTTP announce in the UDP transfer: " + seen);
        assertEquals(2, seen.peersJoined, "two address peers joined the swarm: " + seen);
        assertAnswered(result.seederOutput(), "seed", List.of("started", "stopped"));
    }

    private LoopbackTransfer.Result transfer(String url, Leecher leecher) throws Exception {
        long start = System.nanoTime();
        RealTorrent torrent = RealTorrent.make(directory, LoopbackTransfer.PAYLOAD_BYTES, url);
        LoopbackTransfer.Result result = LoopbackTransfer.run(directory, torrent, leecher,
                RealClientsTransferTest::countsInTheCore);
        assertEquals(0, SERVER.server().core().swarmCount(), "the swarm, empty after both stopped, is freed");
        System.out.println("real clients, " + url + ", libtorrent seeder to " + leecher + ": transfer "
                + result.transferMillis() + " ms, whole " + (System.nanoTime() - start) / 1_000_000
                + " ms; the tracker's counts of the swarm: " + result.trace());
        return result;
    }

    /** The counts a scrape of the hash would answer, read straight from the daemon's core. */
    private static Counts countsInTheCore(byte[] infoHash) {
        ScrapeCounts counts = new ScrapeCounts();
        SERVER.server().core().scrape(infoHash, counts);
        return new Counts(counts.complete, counts.incomplete, counts.downloaded);
    }

    /** The daemon's own counters of the classic trackers, to tell what a transfer went through. */
    private record Seen(long httpAnnounces, long httpAnswered, long udpConnects, long udpAnnounces, long peersJoined) {
        static Seen now() {
            TrackerMetrics metrics = SERVER.server().metrics();
            return new Seen(metrics.httpAnnounces.sum(), metrics.httpAnnounceResponses.sum(),
                    metrics.udp.connects.sum(), metrics.udp.announces.sum(), metrics.addressPeersJoined.sum());
        }

        Seen minus(Seen before) {
            return new Seen(httpAnnounces - before.httpAnnounces, httpAnswered - before.httpAnswered,
                    udpConnects - before.udpConnects, udpAnnounces - before.udpAnnounces,
                    peersJoined - before.peersJoined);
        }
    }

    private static void assertAnswered(String output, String mode, List<String> events) {
        for (String event : events) {
            assertTrue(output.contains(mode + ": reply to=" + event + " "),
                    "libtorrent (" + mode + ") got no tracker reply to its " + event + " announce:\n" + output);
        }
        assertEquals(List.of(), output.lines().filter(line -> line.contains("tracker-error")).toList(),
                "tracker errors reported by libtorrent (" + mode + ")");
    }
}
