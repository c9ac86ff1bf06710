package org.signaltracker.core.config;

import java.util.List;

/**
 * Section {@code log}: how much the daemon writes to stdout and in which shape.
 *
 * @param level  the least severe level written: error, warning, info or debug
 * @param format auto (journald when stdout is the journal, plain otherwise), journald ({@code <N>} priority
 *               prefixes, no timestamp: the journal stamps each line) or plain (timestamp and level name)
 */
public record LogConfig(String level, String format) {

    public static final String LEVEL_ERROR = "error";
    public static final String LEVEL_WARNING = "warning";
    public static final String LEVEL_INFO = "info";
    public static final String LEVEL_DEBUG = "debug";
    public static final List<String> LEVELS = List.of(LEVEL_ERROR, LEVEL_WARNING, LEVEL_INFO, LEVEL_DEBUG);

    public static final String FORMAT_AUTO = "auto";
    public static final String FORMAT_JOURNALD = "journald";
    public static final String FORMAT_PLAIN = "plain";
    public static final List<String> FORMATS = List.of(FORMAT_AUTO, FORMAT_JOURNALD, FORMAT_PLAIN);

    public static LogConfig defaults() {
        return new LogConfig(LEVEL_INFO, FORMAT_AUTO);
    }
}
