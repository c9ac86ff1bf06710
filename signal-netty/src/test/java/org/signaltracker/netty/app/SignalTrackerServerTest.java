package org.signaltracker.netty.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.netty.pipeline.ConnectionLimiter;
import org.signaltracker.netty.transport.TestTransport;

class SignalTrackerServerTest {

    @Test
    void theConnectionCapInForceFitsTheOpenFileLimit() throws Exception {
        long fileLimit = OpenFileLimit.current();
        SignalTrackerServer server = new SignalTrackerServer(ConfigFile.parse(TestTransport.appendTo("")),
                new ManualClock());
        int cap = server.connectionLimiter().maxConnections();
        int configured = SignalTrackerConfig.defaults().limits().maxConnections();
        if (fileLimit > 0) {
            assertTrue(cap > 0 && cap < fileLimit, cap + " connections within the open-file limit " + fileLimit);
            assertEquals(OpenFileLimit.decide(configured, fileLimit, ConnectionLimiter.HEALTH_RESERVE).maxConnections(), cap);
        } else {
            assertEquals(configured, cap);
        }
        SignalTrackerServer small = new SignalTrackerServer(
                ConfigFile.parse(TestTransport.appendTo("limits.maxConnections = 3\n")), new ManualClock());
        assertEquals(3, small.connectionLimiter().maxConnections(), "a cap that fits is kept");
    }
}
