package org.signaltracker.core.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One log event as text for stdout, in one of two shapes. {@link #JOURNALD}: every line starts with the
 * syslog priority journald reads from a stream ({@code <3>} error, {@code <4>} warning, {@code <6>} info,
 * {@code <7>} debug) and carries no timestamp, since the journal stamps each entry itself; a message of
 * several lines (a stack trace, the startup summary) repeats the prefix on each, because journald makes
 * every line its own entry. {@link #PLAIN}: a local timestamp to the millisecond and the level's name,
 * then the message, for a terminal or a file. Both name the logger by its simple class name.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogLineFormatter extends Formatter {

    public static final LogLineFormatter JOURNALD = new LogLineFormatter(true);
    public static final LogLineFormatter PLAIN = new LogLineFormatter(false);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final boolean journald;

    private LogLineFormatter(boolean journald) {
        this.journald = journald;
    }

    /**
     * The syslog priority of a java.util.logging level: SEVERE is err (3), WARNING warning (4), INFO info (6),
     * and CONFIG and below debug (7). Notice (5) is not used: java.util.logging has no level between.
     */
    public static int priority(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (value >= Level.WARNING.intValue()) {
            return 4;
        }
        if (value >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    /** The level's name as the plain shape and {@code log.level} spell it. */
    public static String name(Level level) {
        return switch (priority(level)) {
            case 3 -> "ERROR";
            case 4 -> "WARNING";
            case 6 -> "INFO";
            default -> "DEBUG";
        };
    }

    @Override
    public String format(LogRecord record) {
        String text = formatMessage(record);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text = text + System.lineSeparator() + trace.toString().stripTrailing();
        }
        return line(record.getLevel(), source(record), text, record.getInstant());
    }

    /** A line for {@code text} from {@code source} at {@code level}, ending in a newline. */
    public String line(Level level, String source, String text, Instant at) {
        StringBuilder out = new StringBuilder(text.length() + 48);
        if (journald) {
            String prefix = "<" + priority(level) + ">";
            for (String line : text.split("\r?\n", -1)) {
                out.append(prefix).append(source).append(": ").append(line).append('\n');
            }
            return out.toString();
        }
        out.append(TIMESTAMP.format(at)).append(' ').append(name(level)).append(' ').append(source).append(": ")
                .append(text).append('\n');
        return out.toString();
    }

    private static String source(LogRecord record) {
        String name = record.getLoggerName();
        if (name == null || name.isEmpty()) {
            return "signal-tracker";
        }
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
