package org.signaltracker.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@code signal-tracker.conf}: {@code section.key = value} lines, {@code #} comments.
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
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("line " + lineNumber + ": expected 'section.key = value' but found '"
                        + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String raw = line.substring(eq + 1).strip();
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
                .append("# with every default, and the daemon logs the effective values once at start.\n");
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
                facts.append("Default: ").append(knob.reader.apply(defaults)).append(". Valid: ")
                        .append(validValues(knob)).append('.');
                wrapComment(out, facts.toString());
                wrapComment(out, knob.tradeOff);
                out.append(knob.key()).append(" = ").append(knob.reader.apply(config)).append('\n');
            }
        }
        return out.toString();
    }

    /** One {@code key = value} line per knob, for the startup log. */
    public static String summary(SignalTrackerConfig config) {
        StringBuilder out = new StringBuilder();
        for (Knob knob : ConfigSchema.KNOBS) {
            out.append(knob.key()).append(" = ").append(knob.reader.apply(config)).append('\n');
        }
        return out.toString();
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

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
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
