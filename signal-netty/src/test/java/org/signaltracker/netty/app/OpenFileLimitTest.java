package org.signaltracker.netty.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.netty.pipeline.ConnectionLimiter;

class OpenFileLimitTest {

    private static final int RESERVE = 16;
    private static final int USABLE_OF_20000 = 20_000 - OpenFileLimit.OWN_FILES - RESERVE;

    @Test
    void aCapThatFitsTheFileLimitIsKeptSilently() {
        OpenFileLimit.Decision decision = OpenFileLimit.decide(10_000, 20_000, RESERVE);
        assertEquals(10_000, decision.maxConnections());
        assertNull(decision.warning());
        assertEquals(USABLE_OF_20000, OpenFileLimit.decide(USABLE_OF_20000, 20_000, RESERVE).maxConnections());
        assertNull(OpenFileLimit.decide(USABLE_OF_20000, 20_000, RESERVE).warning(), "exactly at the edge fits");
    }

    @Test
    void theDefaultCapAboveTheFileLimitIsClampedAndSaidInOneLine() {
        OpenFileLimit.Decision decision = OpenFileLimit.decide(100_000, 20_000, RESERVE);
        assertEquals(USABLE_OF_20000, decision.maxConnections());
        String line = decision.warning();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("limits.maxConnections = 100000"), "what was configured: " + line);
        assertTrue(line.contains("open-file limit of 20000"), "the file limit: " + line);
        assertTrue(line.contains("using " + USABLE_OF_20000), "the value used: " + line);
        assertTrue(line.contains("LimitNOFILE"), "how to raise it: " + line);
    }

    @Test
    void noLimitIsClampedToo() {
        OpenFileLimit.Decision decision = OpenFileLimit.decide(0, 20_000, RESERVE);
        assertEquals(USABLE_OF_20000, decision.maxConnections());
        assertTrue(decision.warning().contains("0 (no limit)"), decision.warning());
    }

    @Test
    void anUnknownFileLimitChangesNothing() {
        assertEquals(100_000, OpenFileLimit.decide(100_000, -1, RESERVE).maxConnections());
        assertEquals(0, OpenFileLimit.decide(0, -1, RESERVE).maxConnections());
        assertNull(OpenFileLimit.decide(0, -1, RESERVE).warning());
    }

    @Test
    void aTinyFileLimitStillLeavesOneConnection() {
        assertEquals(1, OpenFileLimit.decide(100, 200, RESERVE).maxConnections());
    }

    @Test
    void theConfigManualQuotesTheFilesKeptBack() {
        String manual = ConfigFile.render(SignalTrackerConfig.defaults()).replace("\n# ", " ");
        int kept = OpenFileLimit.OWN_FILES + ConnectionLimiter.HEALTH_RESERVE;
        assertTrue(manual.contains("less " + kept + " for the daemon's own files and the health reserve"), manual);
        assertTrue(manual.contains("except " + ConnectionLimiter.HEALTH_RESERVE + " more kept for health checks"));
    }

    @Test
    void theLimitOfThisProcessIsReadOnUnix() {
        long limit = OpenFileLimit.current();
        if (System.getProperty("os.name").equals("Linux")) {
            assertTrue(limit > 0, "the JVM reports the open-file limit on Linux: " + limit);
        }
    }
}
