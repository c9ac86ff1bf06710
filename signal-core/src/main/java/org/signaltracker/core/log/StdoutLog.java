package org.signaltracker.core.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.signaltracker.core.config.LogConfig;

/**
 * The daemon's one log handler: every event as one line on stdout (java.util.logging's ConsoleHandler writes
 * to stderr, which systemd would file without a priority), shaped by {@link LogLineFormatter} and filtered
 * by {@code log.level}. {@link #apply} takes a (reloaded) {@link LogConfig}: the level and the shape change
 * for the next line. Repeated warnings are the callers' business: they report through {@link ThrottledLog}.
 *
 * <p>{@code log.format = auto} picks journald when stdout is the journal: systemd then sets
 * {@code JOURNAL_STREAM} to the device and inode of that stream ({@code "DEV:INODE"}), and comparing them
 * with stdout's own tells a service's stdout apart from a child or a shell that merely inherited the
 * variable.
 *
 * <p>Thread-safe: any thread may log; a line is written whole under the handler's lock.
 */
public final class StdoutLog extends Handler {

    private final PrintStream out;
    private final boolean stdoutIsJournal;
    private volatile LogLineFormatter shape;
    /** The root logger once installed: its level follows {@code log.level} so filtered calls stay cheap. */
    private volatile Logger root;
    /**
     * The JDK's own logger trees, held strongly so their level sticks. {@code log.level = debug} is for this
     * daemon's and Netty's events; the JDK's debug records are about itself (JDK 25 logs every
     * {@code Runtime.exit} with a stack trace at that level), so these stay at info or above.
     */
    private static final Logger[] JDK_LOGGERS = {
        Logger.getLogger("java"), Logger.getLogger("javax"), Logger.getLogger("jdk"), Logger.getLogger("sun")
    };

    /**
     * @param out             where lines go (System.out in the daemon)
     * @param stdoutIsJournal whether {@code out} is the journal, for {@code log.format = auto}
     */
    public StdoutLog(PrintStream out, boolean stdoutIsJournal, LogConfig config) {
        this.out = out;
        this.stdoutIsJournal = stdoutIsJournal;
        apply(config);
    }

    /**
     * Makes a handler writing to {@link System#out} the root logger's only one, so every logger of the
     * daemon (Netty's included, through java.util.logging) writes through it.
     */
    public static StdoutLog install(LogConfig config) {
        StdoutLog handler = new StdoutLog(System.out, stdoutIsJournal(System.getenv("JOURNAL_STREAM"),
                Path.of("/proc/self/fd/1")), config);
        Logger root = Logger.getLogger("");
        for (Handler existing : root.getHandlers()) {
            root.removeHandler(existing);
        }
        root.addHandler(handler);
        handler.root = root;
        handler.applyLevelToLoggers(handler.getLevel());
        return handler;
    }

    /** The level and shape for the next line (and the root logger's level, once installed). */
    public void apply(LogConfig config) {
        Level level = level(config.level());
        setLevel(level);
        applyLevelToLoggers(level);
        shape = switch (config.format()) {
            case LogConfig.FORMAT_JOURNALD -> LogLineFormatter.JOURNALD;
            case LogConfig.FORMAT_PLAIN -> LogLineFormatter.PLAIN;
            default -> stdoutIsJournal ? LogLineFormatter.JOURNALD : LogLineFormatter.PLAIN;
        };
    }

    private void applyLevelToLoggers(Level level) {
        Logger installedOn = root;
        if (installedOn == null) {
            return;
        }
        installedOn.setLevel(level);
        Level jdkLevel = level.intValue() < Level.INFO.intValue() ? Level.INFO : level;
        for (Logger jdk : JDK_LOGGERS) {
            jdk.setLevel(jdkLevel);
        }
    }

    /** The shape lines are written in now. */
    public LogLineFormatter shape() {
        return shape;
    }

    /** The java.util.logging level of a {@code log.level} value. */
    public static Level level(String name) {
        return switch (name) {
            case LogConfig.LEVEL_ERROR -> Level.SEVERE;
            case LogConfig.LEVEL_WARNING -> Level.WARNING;
            case LogConfig.LEVEL_DEBUG -> Level.FINE;
            default -> Level.INFO;
        };
    }

    /**
     * Whether {@code journalStream} ("DEV:INODE", from JOURNAL_STREAM) names the file behind {@code stdout};
     * false when unset, malformed or unreadable.
     */
    public static boolean stdoutIsJournal(String journalStream, Path stdout) {
        if (journalStream == null) {
            return false;
        }
        int colon = journalStream.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            long device = Long.parseLong(journalStream.substring(0, colon));
            long inode = Long.parseLong(journalStream.substring(colon + 1));
            return device == ((Number) Files.getAttribute(stdout, "unix:dev")).longValue()
                    && inode == ((Number) Files.getAttribute(stdout, "unix:ino")).longValue();
        } catch (NumberFormatException | IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        write(shape.format(record));
    }

    /**
     * Writes one line without java.util.logging, for the shutdown hook: the logging framework's own hook may
     * already have closed every handler by then.
     */
    public void direct(Level level, String source, String message) {
        if (level.intValue() >= getLevel().intValue()) {
            write(shape.line(level, source, message, Instant.now()));
        }
    }

    private synchronized void write(String line) {
        out.print(line);
        out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    /** Stdout stays open: the logging framework closes handlers at shutdown, while lines may still come. */
    @Override
    public void close() {
        flush();
    }
}
