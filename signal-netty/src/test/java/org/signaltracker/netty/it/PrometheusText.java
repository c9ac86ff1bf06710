package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (version 0.0.4) for the tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample, every sample must belong to a family declared by a
 * {@code # TYPE} line before it, and every value must be a number. Samples are keyed as written,
 * {@code name{label="value",...}}.
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)");

    final Map<String, Double> samples = new LinkedHashMap<>();
    final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        Set<String> helped = new HashSet<>();
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                helped.add(m.group(1));
            } else if ((m = TYPE.matcher(line)).matches()) {
                parsed.types.put(m.group(1), m.group(2));
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String family = parsed.familyOf(m.group(1));
                assertNotNull(family, "sample before its # TYPE line: " + line);
                assertTrue(helped.contains(family), "family without # HELP: " + family);
                String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
                parsed.samples.put(key, value(m.group(3), line));
            } else {
                fail("not a line of the Prometheus text format: '" + line + "'");
            }
        }
        return parsed;
    }

    private static double value(String text, String line) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("not a number in: " + line, e);
                }
        }
    }

    /** The declared family a sample name belongs to: itself, or without _total, _bucket, _sum, _count, _created. */
    private String familyOf(String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_total", "_bucket", "_sum", "_count", "_created"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    /** The value of one sample, which must exist. */
    double value(String key) {
        Double value = samples.get(key);
        assertNotNull(value, "no sample " + key);
        return value;
    }

    void assertType(String family, String type) {
        assertEquals(type, types.get(family), "type of " + family);
    }
}
