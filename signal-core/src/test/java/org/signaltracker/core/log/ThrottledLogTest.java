package org.signaltracker.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.time.ManualClock;

class ThrottledLogTest {

    private final Logger logger = Logger.getLogger("ThrottledLogTest");
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
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
    private final ManualClock clock = new ManualClock();

    @BeforeEach
    void capture() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    @Test
    void writesTheFirstOccurrenceAndCountsTheRestOfTheInterval() {
        ThrottledLog log = new ThrottledLog(logger, Level.WARNING, 1000, clock);
        assertTrue(log.report(() -> "reset by peer"));
        for (int i = 0; i < 4199; i++) {
            assertFalse(log.report(() -> "reset by peer"));
        }
        assertEquals(List.of("reset by peer"), lines);
        assertEquals(4199, log.suppressed());

        clock.advanceMillis(1000);
        assertTrue(log.report(() -> "reset by peer"));
        assertEquals("reset by peer (4199 more like this since the previous line)", lines.get(1));
        assertEquals(0, log.suppressed());
    }

    @Test
    void buildsTheMessageOnlyForLinesItWrites() {
        ThrottledLog log = new ThrottledLog(logger, Level.WARNING, 1000, clock);
        int[] built = new int[1];
        for (int i = 0; i < 100; i++) {
            log.report(() -> "line " + ++built[0]);
        }
        assertEquals(1, built[0]);
    }
}
