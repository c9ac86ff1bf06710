package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.netty.app.SignalTrackerServer;

/**
 * The churn scenario end to end against the real server on 127.0.0.1: clients live short lives, leave in
 * each of the four ways, and are replaced, while the population's announces keep being answered; no
 * client is closed during its life. Lives are 100 ms on average here so that two seconds see hundreds of
 * departures; the silent clients' wait is shorter than the server's idle timeout, so they count as not
 * closed by it (scripts/soak.sh runs the real timeouts).
 */
@Timeout(30)
class ChurnScenarioTest {

    private static SignalTrackerServer server;
    private static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        // Re-announces come every 50 ms: no min interval, and a message budget above that pace.
        server = new SignalTrackerServer(ConfigFile.parse("server.bindAddress = 127.0.0.1\nserver.port = 0\nadmin.port = 0\n"
                + "server.shutdownGraceSeconds = 1\ntracker.minAnnounceIntervalSeconds = 0\n"
                + "limits.messagesPerSecond = 100000\nlimits.messageBurst = 100000\n"), SystemClock.INSTANCE);
        address = server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        server.awaitStopped();
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientsLeaveInEveryWayAndAreReplaced(@TempDir Path dir) throws Exception {
        LoadConfig config = LoadOptions.parse(new String[] {"--scenario", "churn", "--url",
            "ws://127.0.0.1:" + address.getPort() + "/announce", "--connections", "20", "--torrents", "50",
            "--churnLifeAnnounces", "2", "--churnAnnounceMillis", "50", "--churnAbruptShare", "0.4",
            "--churnSilentShare", "0.2", "--churnSilentSeconds", "1", "--warmupSeconds", "1",
            "--durationSeconds", "1", "--histogramLog", dir.resolve("churn.hlog").toString()});
        Map<String, Object> summary = LoadRun.summaryOf(config);
        String report = (String) summary.get("report");
        for (String way : new String[] {"leftClose", "leftFin", "leftReset", "leftSilent"}) {
            assertTrue(number(summary, way) > 0, way + " in " + report);
        }
        long left = number(summary, "leftClose") + number(summary, "leftFin") + number(summary, "leftReset")
                + number(summary, "leftSilent");
        // Every departure is replaced (and so is a newcomer that never came up); the last few newcomers
        // may still be waiting for their turn when the run ends.
        assertTrue(number(summary, "arrivals") >= left / 2, report);
        assertEquals(0L, number(summary, "lost"), report);
        // Answers to offerers that left meanwhile may be refused (as in real swarms): not checked here.
        assertTrue(((Number) summary.get("responsesPerSecond")).doubleValue() > 0, report);
    }

    private static long number(Map<String, Object> summary, String key) {
        return ((Number) summary.get(key)).longValue();
    }
}
