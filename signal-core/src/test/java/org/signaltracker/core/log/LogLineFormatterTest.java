package org.signaltracker.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

    private static final Instant AT = Instant.parse("2026-12-05T16:20:01.234Z");
    private static final String LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .format(LocalDateTime.ofInstant(AT, ZoneId.systemDefault()));

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("org.signaltracker.netty.app.SignalTrackerServer");
        record.setInstant(AT);
        return record;
    }

    @Test
    void journaldPrefixesEachLevelWithItsSyslogPriorityAndNoTimestamp() {
        assertEquals("<3>SignalTrackerServer: broken\n", LogLineFormatter.JOURNALD.format(record(Level.SEVERE, "broken")));
        assertEquals("<4>SignalTrackerServer: refused\n",
                LogLineFormatter.JOURNALD.format(record(Level.WARNING, "refused")));
        assertEquals("<6>SignalTrackerServer: listening\n",
                LogLineFormatter.JOURNALD.format(record(Level.INFO, "listening")));
        assertEquals("<7>SignalTrackerServer: config\n", LogLineFormatter.JOURNALD.format(record(Level.CONFIG, "config")));
        assertEquals("<7>SignalTrackerServer: detail\n", LogLineFormatter.JOURNALD.format(record(Level.FINE, "detail")));
        assertEquals("<7>SignalTrackerServer: trace\n", LogLineFormatter.JOURNALD.format(record(Level.FINEST, "trace")));
    }

    @Test
    void plainWritesTimestampAndLevelName() {
        assertEquals(LOCAL + " ERROR SignalTrackerServer: broken\n",
                LogLineFormatter.PLAIN.format(record(Level.SEVERE, "broken")));
        assertEquals(LOCAL + " WARNING SignalTrackerServer: refused\n",
                LogLineFormatter.PLAIN.format(record(Level.WARNING, "refused")));
        assertEquals(LOCAL + " INFO SignalTrackerServer: listening\n",
                LogLineFormatter.PLAIN.format(record(Level.INFO, "listening")));
        assertEquals(LOCAL + " DEBUG SignalTrackerServer: detail\n",
                LogLineFormatter.PLAIN.format(record(Level.FINE, "detail")));
    }

    @Test
    void journaldRepeatsThePriorityOnEveryLineOfAMessage() {
        assertEquals("<6>Main: effective configuration:\n<6>Main: server.port = 8000\n",
                LogLineFormatter.JOURNALD.line(Level.INFO, "Main", "effective configuration:\nserver.port = 8000", AT));
    }

    @Test
    void aThrowableFollowsItsMessageAtTheSamePriority() {
        LogRecord record = record(Level.SEVERE, "sweep failed");
        record.setThrown(new IllegalStateException("boom"));
        String text = LogLineFormatter.JOURNALD.format(record);
        assertTrue(text.startsWith("<3>SignalTrackerServer: sweep failed\n<3>SignalTrackerServer: "
                + "java.lang.IllegalStateException: boom\n<3>SignalTrackerServer: \tat "), text);
        text.lines().forEach(line -> assertTrue(line.startsWith("<3>"), line));
    }

    @Test
    void parametersAreFilledIn() {
        LogRecord record = record(Level.INFO, "{0} connections");
        record.setParameters(new Object[] {3});
        assertEquals("<6>SignalTrackerServer: 3 connections\n", LogLineFormatter.JOURNALD.format(record));
    }
}
