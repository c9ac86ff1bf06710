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
 * The signal scenario end to end against the real server on 127.0.0.1 ({@code /ws}): every connection
 * identifies, the asked share joins rooms, pairs relay candidates round trip, and nothing is refused. An
 * odd count leaves one connection without a partner, which only identifies and joins.
 */
@Timeout(30)
class SignalScenarioTest {

    private static SignalTrackerServer server;
    private static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        // A closed loop on loopback sends thousands of candidates a second per connection: above the
        // default per-connection budget, which would answer with ERRORs (counted, but not what this checks).
        server = new SignalTrackerServer(ConfigFile.parse("server.bindAddress = 127.0.0.1\nserver.port = 0\nadmin.port = 0\n"
                + "server.shutdownGraceSeconds = 1\nsignaling.messagesPerSecond = 10000000\n"
                + "signaling.messageBurst = 10000000\n"), SystemClock.INSTANCE);
        address = server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        server.awaitStopped();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pairsRelayCandidatesRoundTripAndTheAskedShareJoinsRooms(@TempDir Path dir) throws Exception {
        LoadConfig config = LoadOptions.parse(new String[] {"--scenario", "signal", "--url",
            "ws://127.0.0.1:" + address.getPort() + "/ws", "--connections", "21", "--roomShare", "0.5",
            "--roomSize", "4", "--warmupSeconds", "1", "--durationSeconds", "1",
            "--histogramLog", dir.resolve("signal.hlog").toString()});
        Map<String, Object> summary = LoadRun.summaryOf(config);
        String report = (String) summary.get("report");
        assertEquals(21L, number(summary, "identified"));
        assertEquals(11L, number(summary, "roomsJoined"), "half of 21, rounded");
        assertEquals(11L, number(summary, "joinCount"));
        assertEquals(0.0, ((Number) summary.get("failuresPerSecond")).doubleValue());
        assertEquals(0L, number(summary, "wrongSender"));
        assertTrue(((Number) summary.get("roundTripsPerSecond")).doubleValue() > 0, report);
        assertTrue(((Number) summary.get("relayedPerSecond")).doubleValue()
                >= 2 * ((Number) summary.get("roundTripsPerSecond")).doubleValue() * 0.99, "two relays per round trip");
    }

    private static long number(Map<String, Object> summary, String key) {
        return ((Number) summary.get(key)).longValue();
    }
}
