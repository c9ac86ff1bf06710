package org.signaltracker.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reload may apply: the live keys of the new file, the running values of the others. */
class ReloadRulesTest {

    @Test
    void theKnobTableNamesTheLiveKeys() {
        List<String> live = ConfigFile.liveKeys();
        for (String key : List.of("limits.maxSwarmsPerConnection", "limits.maxPeersPerSwarm", "limits.maxPeers",
                "limits.messagesPerSecond", "limits.messageBurst", "limits.maxConnections",
                "tracker.announceIntervalSeconds", "tracker.minAnnounceIntervalSeconds", "tracker.peerTimeoutSeconds",
                "tracker.maxOffersPerAnnounce", "tracker.maxScrapeHashes", "websocket.pingIntervalSeconds",
                "websocket.idleTimeoutSeconds", "websocket.unwritableCloseSeconds",
                "websocket.unfinishedMessageTimeoutSeconds", "signaling.messagesPerSecond", "signaling.messageBurst",
                "signaling.unidentifiedTimeoutSeconds", "log.level", "log.format")) {
            assertTrue(live.contains(key), key);
        }
        for (String key : List.of("server.port", "server.bindAddress", "server.transport", "server.ioThreads",
                "tracker.lockStripes", "tracker.sweepIntervalSeconds", "websocket.maxFrameBytes")) {
            assertTrue(!live.contains(key), key + " needs a restart");
        }
    }

    @Test
    void liveChangesAndRestartOnlyChangesSplitTheDifference() throws Exception {
        SignalTrackerConfig running = ConfigFile.parse("server.port = 8000\nlimits.maxPeers = 100\nlimits.maxPeersPerSwarm = 10\n");
        SignalTrackerConfig read = ConfigFile.parse("server.port = 9000\nlimits.maxPeers = 50\nlimits.maxPeersPerSwarm = 10\nlog.level = debug\n");
        assertEquals(List.of("server.port"), ConfigFile.restartOnlyChanges(running, read));
        SignalTrackerConfig next = ConfigFile.withRestartOnlyOf(running, read);
        assertEquals(8000, next.server().port(), "the running port stays");
        assertEquals(50, next.limits().maxPeers());
        assertEquals(List.of("limits.maxPeers", "log.level"), ConfigFile.liveChanges(running, next));
    }

    @Test
    void aMixThatBreaksARuleWithARestartOnlyKeyIsRefused() throws Exception {
        // sweepIntervalSeconds needs a restart and must stay at most peerTimeoutSeconds, which is live.
        SignalTrackerConfig running = ConfigFile.parse("tracker.sweepIntervalSeconds = 60\n");
        SignalTrackerConfig read = ConfigFile.parse("tracker.sweepIntervalSeconds = 10\n"
                + "tracker.announceIntervalSeconds = 20\ntracker.minAnnounceIntervalSeconds = 10\n"
                + "tracker.peerTimeoutSeconds = 30\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.withRestartOnlyOf(running, read));
        assertTrue(e.getMessage().startsWith("tracker.sweepIntervalSeconds: 60"), e.getMessage());
        assertTrue(e.getMessage().endsWith("with the running value of the key that needs a restart"), e.getMessage());
    }
}
