package org.signaltracker.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.LiveConfig;
import org.signaltracker.core.config.LogConfig;
import org.signaltracker.core.config.SignalTrackerConfig;

class StdoutLogTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("test.Source");
        return record;
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLevelFiltersAndAReloadChangesItForTheNextLine() throws Exception {
        LiveConfig live = new LiveConfig(ConfigFile.parse("log.level = warning\nlog.format = journald\n"));
        StdoutLog log = new StdoutLog(out, false, live.current().log());
        live.subscribe(next -> log.apply(next.log()));
        log.publish(record(Level.INFO, "hidden at warning"));
        log.publish(record(Level.WARNING, "shown"));
        assertEquals("<4>Source: shown\n", written());

        live.replace(ConfigFile.parse("log.level = debug\nlog.format = journald\n"));
        log.publish(record(Level.INFO, "now shown"));
        log.publish(record(Level.FINE, "debug shown"));
        assertEquals("<4>Source: shown\n<6>Source: now shown\n<7>Source: debug shown\n", written());

        live.replace(ConfigFile.parse("log.level = error\nlog.format = journald\n"));
        log.publish(record(Level.WARNING, "hidden at error"));
        log.publish(record(Level.SEVERE, "failure"));
        assertTrue(written().endsWith("<7>Source: debug shown\n<3>Source: failure\n"), written());
    }

    @Test
    void installedItIsTheRootsOnlyHandlerAndSetsTheRootLevel() {
        Logger root = Logger.getLogger("");
        java.util.logging.Handler[] before = root.getHandlers();
        Level levelBefore = root.getLevel();
        try {
            StdoutLog log = StdoutLog.install(new LogConfig("warning", "plain"));
            assertEquals(1, root.getHandlers().length);
            assertSame(log, root.getHandlers()[0]);
            assertEquals(Level.WARNING, root.getLevel());
            assertFalse(Logger.getLogger("java.lang.Runtime").isLoggable(Level.INFO), "at warning the JDK follows");
            log.apply(new LogConfig("debug", "plain"));
            assertEquals(Level.FINE, root.getLevel(), "a reload reaches the root level, so FINE calls are made");
            assertTrue(Logger.getLogger("org.signaltracker.Example").isLoggable(Level.FINE));
            assertTrue(Logger.getLogger("io.netty.channel.Example").isLoggable(Level.FINE));
            assertFalse(Logger.getLogger("java.lang.Runtime").isLoggable(Level.FINE),
                    "the JDK's own debug records (Runtime.exit's stack trace) stay out at debug");
            assertTrue(Logger.getLogger("java.lang.Runtime").isLoggable(Level.INFO));
        } finally {
            for (String jdk : new String[] {"java", "javax", "jdk", "sun"}) {
                Logger.getLogger(jdk).setLevel(null);
            }
            for (java.util.logging.Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (java.util.logging.Handler h : before) {
                root.addHandler(h);
            }
            root.setLevel(levelBefore);
        }
    }

    @Test
    void autoPicksJournaldOnlyWhenStdoutIsTheJournal() {
        assertSame(LogLineFormatter.JOURNALD, new StdoutLog(out, true, new LogConfig("info", "auto")).shape());
        assertSame(LogLineFormatter.PLAIN, new StdoutLog(out, false, new LogConfig("info", "auto")).shape());
        assertSame(LogLineFormatter.JOURNALD, new StdoutLog(out, false, new LogConfig("info", "journald")).shape());
        assertSame(LogLineFormatter.PLAIN, new StdoutLog(out, true, new LogConfig("info", "plain")).shape());
    }

    @Test
    void journalStreamMustNameTheDeviceAndInodeOfStdout() throws Exception {
        Path stdout = Files.createFile(dir.resolve("stdout"));
        Path other = Files.createFile(dir.resolve("other"));
        String matching = Files.getAttribute(stdout, "unix:dev") + ":" + Files.getAttribute(stdout, "unix:ino");
        assertTrue(StdoutLog.stdoutIsJournal(matching, stdout));
        assertFalse(StdoutLog.stdoutIsJournal(matching, other), "inherited by a process with another stdout");
        assertFalse(StdoutLog.stdoutIsJournal(null, stdout));
        assertFalse(StdoutLog.stdoutIsJournal("", stdout));
        assertFalse(StdoutLog.stdoutIsJournal("8:x", stdout));
        assertFalse(StdoutLog.stdoutIsJournal("12345", stdout));
    }

    @Test
    void theShutdownPathWritesDirectlyInTheCurrentShape() {
        StdoutLog log = new StdoutLog(out, true, SignalTrackerConfig.defaults().log());
        log.direct(Level.INFO, "Main", "stopped");
        log.direct(Level.FINE, "Main", "not at info");
        assertEquals("<6>Main: stopped\n", written());
    }
}
