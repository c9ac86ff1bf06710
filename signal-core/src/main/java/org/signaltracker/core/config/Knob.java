package org.signaltracker.core.config;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.signaltracker.core.access.AddressRanges;

/**
 * One documented config key: where it lives, what it means, its unit, its valid values and how to read it
 * from a config. The table of knobs in {@link ConfigSchema} drives parsing, validation, the shipped file
 * and the startup summary, so the four cannot drift apart. Immutable.
 */
final class Knob {

    /**
     * TEXT is free text checked by a rule; SECRET is TEXT that is never shown: the startup summary prints
     * {@code (set)} and an invalid value is described by its length only, so it cannot reach a log.
     * CIDR_LIST is a comma-separated list of address ranges, checked entry by entry; an error names the
     * entry at fault.
     */
    enum Kind { INT, POWER_OF_TWO, CHOICE, IP_LITERAL, TEXT, SECRET, CIDR_LIST }

    /** Shown in the startup summary instead of a secret that is set. */
    static final String SECRET_SHOWN = "(set)";

    final String section;
    final String name;
    final Kind kind;
    final long min;
    final long max;
    final List<String> choices;
    final String unit;
    final String meaning;
    final String tradeOff;
    final Function<SignalTrackerConfig, Object> reader;
    /** For TEXT and SECRET: what a valid value is, and the words for it in errors and in the file. */
    final Predicate<String> textRule;
    final String textRange;
    /**
     * Whether a reload (SIGHUP) applies a new value to the running daemon; a change to a knob that is not
     * live is named in the reload's log line as waiting for a restart.
     */
    final boolean live;

    private Knob(String section, String name, Kind kind, long min, long max, List<String> choices, String unit,
            String meaning, String tradeOff, Function<SignalTrackerConfig, Object> reader) {
        this(section, name, kind, min, max, choices, unit, meaning, tradeOff, reader, null, null);
    }

    private Knob(String section, String name, Kind kind, long min, long max, List<String> choices, String unit,
            String meaning, String tradeOff, Function<SignalTrackerConfig, Object> reader, Predicate<String> textRule,
            String textRange) {
        this(section, name, kind, min, max, choices, unit, meaning, tradeOff, reader, textRule, textRange, false);
    }

    private Knob(String section, String name, Kind kind, long min, long max, List<String> choices, String unit,
            String meaning, String tradeOff, Function<SignalTrackerConfig, Object> reader, Predicate<String> textRule,
            String textRange, boolean live) {
        this.section = section;
        this.name = name;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.unit = unit;
        this.meaning = meaning;
        this.tradeOff = tradeOff;
        this.reader = reader;
        this.textRule = textRule;
        this.textRange = textRange;
        this.live = live;
    }

    /** This knob, marked as applied by a reload without a restart. */
    Knob live() {
        return new Knob(section, name, kind, min, max, choices, unit, meaning, tradeOff, reader, textRule, textRange,
                true);
    }

    static Knob integer(String section, String name, long min, long max, String unit, String meaning,
            String tradeOff, Function<SignalTrackerConfig, Object> reader) {
        return new Knob(section, name, Kind.INT, min, max, List.of(), unit, meaning, tradeOff, reader);
    }

    static Knob powerOfTwo(String section, String name, long min, long max, String meaning, String tradeOff,
            Function<SignalTrackerConfig, Object> reader) {
        return new Knob(section, name, Kind.POWER_OF_TWO, min, max, List.of(), "count", meaning, tradeOff, reader);
    }

    static Knob choice(String section, String name, List<String> choices, String meaning, String tradeOff,
            Function<SignalTrackerConfig, Object> reader) {
        return new Knob(section, name, Kind.CHOICE, 0, 0, choices, "", meaning, tradeOff, reader);
    }

    static Knob ipLiteral(String section, String name, String meaning, String tradeOff,
            Function<SignalTrackerConfig, Object> reader) {
        return new Knob(section, name, Kind.IP_LITERAL, 0, 0, List.of(), "", meaning, tradeOff, reader);
    }

    static Knob cidrList(String section, String name, String meaning, String tradeOff,
            Function<SignalTrackerConfig, Object> reader) {
        return new Knob(section, name, Kind.CIDR_LIST, 0, 0, List.of(), "", meaning, tradeOff, reader);
    }

    static Knob text(String section, String name, Predicate<String> rule, String range, String meaning,
            String tradeOff, Function<SignalTrackerConfig, Object> reader) {
        return new Knob(section, name, Kind.TEXT, 0, 0, List.of(), "", meaning, tradeOff, reader, rule, range);
    }

    static Knob secret(String section, String name, Predicate<String> rule, String range, String meaning,
            String tradeOff, Function<SignalTrackerConfig, Object> reader) {
        return new Knob(section, name, Kind.SECRET, 0, 0, List.of(), "", meaning, tradeOff, reader, rule, range);
    }

    boolean isText() {
        return kind == Kind.TEXT || kind == Kind.SECRET;
    }

    /** The value as the startup summary shows it: a secret that is set reads {@code (set)}. */
    Object shown(SignalTrackerConfig config) {
        Object value = reader.apply(config);
        if (kind == Kind.SECRET && !((String) value).isEmpty()) {
            return SECRET_SHOWN;
        }
        return value;
    }

    String key() {
        return section + "." + name;
    }

    /** The valid values, as shown in errors and in the documented file. */
    String range() {
        return switch (kind) {
            case INT -> "an integer in " + min + ".." + max;
            case POWER_OF_TWO -> "a power of two in " + min + ".." + max;
            case CHOICE -> "one of " + String.join(", ", choices);
            case IP_LITERAL -> "a literal IPv4 or IPv6 address";
            case CIDR_LIST -> "empty, or comma-separated CIDR ranges such as 10.0.0.0/8, 2001:db8::/32 "
                    + "(a bare address is one host)";
            case TEXT, SECRET -> textRange;
        };
    }

    /** Parses and validates a raw value; returns an Integer or a String. */
    Object parse(String raw) throws ConfigException {
        switch (kind) {
            case INT, POWER_OF_TWO -> {
                long value;
                try {
                    value = Long.parseLong(raw);
                } catch (NumberFormatException e) {
                    throw invalid(raw);
                }
                if (value < min || value > max || (kind == Kind.POWER_OF_TWO && Long.bitCount(value) != 1)) {
                    throw invalid(raw);
                }
                return (int) value;
            }
            case CHOICE -> {
                if (!choices.contains(raw)) {
                    throw invalid(raw);
                }
                return raw;
            }
            case TEXT, SECRET -> {
                if (!textRule.test(raw)) {
                    throw invalid(raw);
                }
                return raw;
            }
            case CIDR_LIST -> {
                try {
                    AddressRanges.parse(raw);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key() + ": " + e.getMessage() + " (expected: " + range() + ")");
                }
                return raw;
            }
            default -> {
                if (!IpLiteral.isValid(raw)) {
                    throw invalid(raw);
                }
                return raw;
            }
        }
    }

    private ConfigException invalid(String raw) {
        // An empty value would otherwise read as "key:  (expected ...)", which looks like a formatting slip.
        String shown = raw.isEmpty() ? "\"\""
                : kind == Kind.SECRET ? "(a secret of " + raw.length() + " characters)"
                : DatabaseConfig.withoutCredentials(raw);
        return new ConfigException(key() + ": " + shown + " (expected: " + range() + ")");
    }
}
