package org.signaltracker.netty.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.time.ManualClock;

/** Netty's per-turn overflow warning becomes one counted line a minute; its other records pass. */
class CompletionOverflowLogTest {

    private static final String OVERFLOW = "CompletionQueue overflow detected, consider increasing size: {}";

    @Test
    void aBurstOfOverflowWarningsBecomesOneLinePerIntervalWithTheCountLeftOut() {
        ManualClock clock = new ManualClock(0);
        Logger ours = Logger.getLogger("test.completion-overflow." + System.nanoTime());
        ours.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        ours.addHandler(collect(lines));
        CompletionOverflowLog filter = new CompletionOverflowLog(
                new ThrottledLog(ours, Level.WARNING, CompletionOverflowLog.INTERVAL_MILLIS, clock));

        for (int i = 0; i < 500; i++) {
            assertFalse(filter.isLoggable(new LogRecord(Level.WARNING, OVERFLOW)), "Netty's own line is dropped");
        }
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("nothing was lost"), lines.get(0));
        clock.advanceMillis(CompletionOverflowLog.INTERVAL_MILLIS);
        filter.isLoggable(new LogRecord(Level.WARNING, OVERFLOW));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains("(499 more like this since the previous line)"), lines.get(1));
    }

    @Test
    void otherRecordsOfNettysIoUringLoggerPassUnchanged() {
        CompletionOverflowLog filter = new CompletionOverflowLog(new ThrottledLog(Logger.getLogger("unused"),
                Level.WARNING, CompletionOverflowLog.INTERVAL_MILLIS, new ManualClock(0)));
        assertTrue(filter.isLoggable(new LogRecord(Level.WARNING, "Unexpected exception in the io_uring loop")));
        assertTrue(filter.isLoggable(new LogRecord(Level.FINE, null)));
    }

    @Test
    void installingTwiceKeepsOneFilterOnNettysLogger() {
        CompletionOverflowLog.install();
        Object first = Logger.getLogger(CompletionOverflowLog.NETTY_LOGGER).getFilter();
        CompletionOverflowLog.install();
        assertTrue(first instanceof CompletionOverflowLog);
        assertEquals(first, Logger.getLogger(CompletionOverflowLog.NETTY_LOGGER).getFilter());
    }

    private static Handler collect(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
