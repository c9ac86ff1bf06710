package org.signaltracker.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@code signal-tracker.conf}: {@code section.key = value} lines, {@code #} comments.
 * A value may be written in double quotes, and must be when it holds a {@code #} (a secret, say): inside
 * quotes {@code #} is plain text, and {@code \"} and {@code \\} stand for a quote and a backslash.
 * Absent keys keep their defaults; an unknown key, a duplicate, a malformed line or an invalid value stops
 * with a message naming it, so nothing falls back to a default silently. Stateless.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    public static SignalTrackerConfig load(Path path) throws ConfigException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such config file");
        } catch (CharacterCodingException e) {
            throw new ConfigException(path + ": the config file is not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read the config file (" + e + ")");
        }
        return parse(text);
    }

    public static SignalTrackerConfig parse(String text) throws ConfigException {
        Map<String, Knob> byKey = new HashMap<>();
        Map<String, Object> values = new HashMap<>();
        SignalTrackerConfig defaults = SignalTrackerConfig.defaults();
        for (Knob knob : ConfigSchema.KNOBS) {
            byKey.put(knob.key(), knob);
            values.put(knob.key(), knob.reader.apply(defaults));
        }
        Set<String> seen = new HashSet<>();
        // Editors on some systems prepend a byte order mark; it is not part of the first line's text.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = stripComment(lines[i], lineNumber).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("line " + lineNumber + ": expected 'section.key = value' but found '"
                        + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String raw = unquote(line.substring(eq + 1).strip(), lineNumber);
            Knob knob = byKey.get(key);
            if (knob == null) {
                throw new ConfigException("line " + lineNumber + ": unknown key '" + key
                        + "' (run --print-default-config for the list of keys)");
            }
            if (!seen.add(key)) {
                throw new ConfigException("line " + lineNumber + ": " + key + " is set twice");
            }
            values.put(key, knob.parse(raw));
        }
        SignalTrackerConfig config = ConfigSchema.build(values);
        ConfigSchema.checkRelations(config);
        return config;
    }

    /** The documented config file for {@code config}: every key with its meaning, unit, default and range. */
    public static String render(SignalTrackerConfig config) {
        SignalTrackerConfig defaults = SignalTrackerConfig.defaults();
        StringBuilder out = new StringBuilder();
        out.append("# Signal Tracker configuration.\n")
                .append("#\n")
                .append("# Format: one 'section.key = value' per line; '#' starts a comment. A key left out keeps\n")
                .append("# its default. An unknown key or an invalid value stops startup with a message naming the\n")
                .append("# key and the expected range. 'signal-tracker --print-default-config' prints this file\n")
                .append("# with every default, and the daemon logs the effective values once at start (secrets as\n")
                .append("# '(set)'). A value holding '#' must be quoted: key = \"a#b\"; inside quotes write\n")
                .append("# \\\" for a quote and \\\\ for a backslash.\n");
        for (String section : ConfigSchema.SECTIONS) {
            out.append("\n# ==== ").append(section).append(" ====\n");
            out.append("# ").append(ConfigSchema.SECTION_TITLES.get(section)).append('\n');
            for (Knob knob : ConfigSchema.KNOBS) {
                if (!knob.section.equals(section)) {
                    continue;
                }
                out.append('\n');
                wrapComment(out, knob.meaning);
                StringBuilder facts = new StringBuilder();
                if (!knob.unit.isEmpty()) {
                    facts.append("Unit: ").append(knob.unit).append(". ");
                }
                Object byDefault = knob.reader.apply(defaults);
                facts.append("Default: ").append(byDefault.toString().isEmpty() ? "empty" : byDefault)
                        .append(". Valid: ")
                        .append(validValues(knob)).append('.')
                        .append(knob.live ? " Applies: on reload (SIGHUP)." : " Applies: after a restart.");
                wrapComment(out, facts.toString());
                wrapComment(out, knob.tradeOff);
                out.append(line(knob, knob.reader.apply(config)));
            }
        }
        return out.toString();
    }

    /** One {@code key = value} line per knob, for the startup log; a secret that is set reads {@code (set)}. */
    public static String summary(SignalTrackerConfig config) {
        StringBuilder out = new StringBuilder();
        for (Knob knob : ConfigSchema.KNOBS) {
            out.append(line(knob, knob.shown(config)));
        }
        return out.toString();
    }

    /**
     * The keys whose value differs between {@code running} and {@code next} although a reload cannot apply
     * them (their knob is not live), in the table's order; empty when a reload applies everything.
     */
    public static List<String> restartOnlyChanges(SignalTrackerConfig running, SignalTrackerConfig next) {
        List<String> keys = new ArrayList<>();
        for (Knob knob : ConfigSchema.KNOBS) {
            if (!knob.live && !knob.reader.apply(running).equals(knob.reader.apply(next))) {
                keys.add(knob.key());
            }
        }
        return keys;
    }

    /** The keys whose value differs between {@code running} and {@code next} and that a reload applies. */
    public static List<String> liveChanges(SignalTrackerConfig running, SignalTrackerConfig next) {
        List<String> keys = new ArrayList<>();
        for (Knob knob : ConfigSchema.KNOBS) {
            if (knob.live && !knob.reader.apply(running).equals(knob.reader.apply(next))) {
                keys.add(knob.key());
            }
        }
        return keys;
    }

    /**
     * What a reload can run with: {@code read}'s values for live keys and {@code running}'s for the others,
     * which only a restart changes. Fails when that mix breaks a rule between keys (a live key lowered
     * below a restart-only one it must stay above); the message says so.
     */
    public static SignalTrackerConfig withRestartOnlyOf(SignalTrackerConfig running, SignalTrackerConfig read)
            throws ConfigException {
        Map<String, Object> values = new HashMap<>();
        for (Knob knob : ConfigSchema.KNOBS) {
            values.put(knob.key(), knob.reader.apply(knob.live ? read : running));
        }
        SignalTrackerConfig mixed = ConfigSchema.build(values);
        try {
            ConfigSchema.checkRelations(mixed);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + " with the running value of the key that needs a restart");
        }
        return mixed;
    }

    /** The keys a reload applies to the running daemon, in the table's order. */
    public static List<String> liveKeys() {
        List<String> keys = new ArrayList<>();
        for (Knob knob : ConfigSchema.KNOBS) {
            if (knob.live) {
                keys.add(knob.key());
            }
        }
        return keys;
    }

    /** {@code key = value}, the value quoted when it would otherwise not read back as itself. */
    private static String line(Knob knob, Object value) {
        String text = value.toString();
        if (text.isEmpty()) {
            return knob.key() + " =\n";
        }
        boolean quote = text.indexOf('#') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\\') >= 0
                || !text.strip().equals(text);
        if (!quote) {
            return knob.key() + " = " + text + '\n';
        }
        return knob.key() + " = \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    /** The knob's own range plus every rule that ties it to another key. */
    private static String validValues(Knob knob) {
        StringBuilder valid = new StringBuilder(knob.range());
        for (Relation relation : ConfigSchema.RELATIONS) {
            String rule = relation.describeFor(knob);
            if (rule != null) {
                valid.append(", ").append(rule);
            }
        }
        return valid.toString();
    }

    /** The line up to its comment: a {@code #} outside a quoted value (quotes open only after the '='). */
    private static String stripComment(String line, int lineNumber) throws ConfigException {
        boolean afterEquals = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '#') {
                return line.substring(0, i);
            } else if (c == '=') {
                afterEquals = true;
            } else if (c == '"' && afterEquals) {
                quoted = true;
            }
        }
        if (quoted) {
            throw new ConfigException("line " + lineNumber + ": a quoted value has no closing quote");
        }
        return line;
    }

    /** A value as written: plain, or in quotes with {@code \"} and {@code \\} escapes and nothing after. */
    private static String unquote(String raw, int lineNumber) throws ConfigException {
        if (!raw.startsWith("\"")) {
            return raw;
        }
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (i != raw.length() - 1) {
                    throw new ConfigException("line " + lineNumber + ": only a comment may follow a quoted value");
                }
                return value.toString();
            }
            if (c == '\\') {
                char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
                if (next != '"' && next != '\\') {
                    throw new ConfigException("line " + lineNumber
                            + ": in a quoted value a backslash may only come before \" or \\");
                }
                i++;
                c = next;
            }
            value.append(c);
        }
        throw new ConfigException("line " + lineNumber + ": a quoted value has no closing quote");
    }

    private static void wrapComment(StringBuilder out, String text) {
        int width = 100;
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        out.append(line).append('\n');
    }
}
