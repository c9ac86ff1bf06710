package org.signaltracker.core.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSyntaxTest {

    private static int check(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return JsonSyntax.firstError(bytes, bytes.length);
    }

    private static int check(byte[] bytes) {
        return JsonSyntax.firstError(bytes, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", " {\"a\" : [ 1 , -2.5e+3 , 0 , -0.0E-1 , true , false , null ] }\r\n", "\"x\"", "0", "-12",
        "{\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\\u00e9\\\"\\\\\\/\\b\\f\\t\"}",
        "{\"u\":\"\u00e9t\u00e9 \u2603 \ud83d\ude00 \u007f\"}", "[[[[{\"a\":{\"b\":[]}}]]]]", "{\"\":\"\"}",
        "{\"long\":\"0123456789abcdef0123456789abcdef0123456789abcdef\"}",
    })
    void acceptsValidJson(String json) {
        assertEquals(JsonSyntax.VALID, check(json), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "[1,]", "{\"a\":1,}", "{a:1}", "{\"a\" 1}",
        "{\"a\":1 \"b\":2}", "[1 2]", "{} {}", "{}x", "01", "1.", ".5", "-", "1e", "1e+", "+1", "tru", "nul", "True",
        "\"\\q\"", "\"\\u00g0\"", "\"\\u00\"", "\"abc", "\"a\nb\"", "\"a\tb\"", "\"\u0000\"", "'a'", "\ufeff{}",
        "{\"a\":12abc}", "[1}", "{\"a\":1]",
    })
    void refusesInvalidJson(String json) {
        assertTrue(check(json) >= 0, json);
    }

    @Test
    void reportsWhereTheTextStopsBeingValid() {
        assertEquals(7, check("{\"a\":1}x"));
        assertEquals(6, check("{\"a\":1"), "ends too early: the index is the length");
        assertEquals(8, check("{\"a\":\"bc\nd\"}"), "raw newline inside a string");
        assertEquals(5, check("[1,2,]"));
    }

    @Test
    void refusesMalformedUtf8() {
        byte[][] bad = {
            {'"', (byte) 0x80, '"'},                          // continuation byte without a lead
            {'"', (byte) 0xC0, (byte) 0xAF, '"'},             // overlong '/'
            {'"', (byte) 0xC1, (byte) 0xBF, '"'},             // overlong
            {'"', (byte) 0xC3, '"'},                          // truncated two-byte sequence
            {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}, // overlong three-byte
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // UTF-16 surrogate U+D800
            {'"', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF, '"'}, // overlong four-byte
            {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
            {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}, // invalid lead
            {'"', (byte) 0xFF, '"'},
            {'"', (byte) 0xE2, (byte) 0x98, '"'},             // truncated three-byte sequence
        };
        for (byte[] token : bad) {
            assertTrue(check(token) >= 0, () -> "accepted " + HexFormat.of().formatHex(token));
        }
        byte[] good = {'"', (byte) 0xC2, (byte) 0x80, (byte) 0xEF, (byte) 0xBF, (byte) 0xBF, (byte) 0xF4, (byte) 0x8F,
            (byte) 0xBF, (byte) 0xBF, '"'};
        assertEquals(JsonSyntax.VALID, check(good), "U+0080, U+FFFF and U+10FFFF are fine");
    }

    @Test
    void specialBytesAreFoundAtEveryPositionOfAWord() {
        // The string scan reads eight bytes at once; each special byte must be caught wherever it sits.
        for (int position = 0; position < 24; position++) {
            for (byte special : new byte[] {0x01, 0x1F, (byte) 0x80, (byte) 0xFF}) {
                byte[] token = ("\"" + "a".repeat(24) + "\"").getBytes(StandardCharsets.US_ASCII);
                token[1 + position] = special;
                assertEquals(1 + position, check(token), "byte " + special + " at " + position);
            }
            byte[] quoted = ("\"" + "a".repeat(24) + "\"").getBytes(StandardCharsets.US_ASCII);
            quoted[1 + position] = '"';
            assertEquals(2 + position, check(quoted), "an inner quote ends the string at " + position);
            byte[] escaped = ("\"" + "a".repeat(24) + "\"").getBytes(StandardCharsets.US_ASCII);
            escaped[1 + position] = '\\';
            assertTrue(check(escaped) >= 0, "a backslash before 'a' is a bad escape at " + position);
        }
    }

    @Test
    void nestingIsLimitedWithoutRecursion() {
        String atLimit = "[".repeat(JsonSyntax.MAX_DEPTH) + "]".repeat(JsonSyntax.MAX_DEPTH);
        assertEquals(JsonSyntax.VALID, check(atLimit));
        String tooDeep = "[".repeat(JsonSyntax.MAX_DEPTH + 1) + "]".repeat(JsonSyntax.MAX_DEPTH + 1);
        assertEquals(JsonSyntax.MAX_DEPTH, check(tooDeep));
        String hostile = "{\"a\":".repeat(200_000);
        assertEquals(5 * JsonSyntax.MAX_DEPTH, check(hostile), "the first brace past the limit");
    }

    @Test
    void readsOnlyUpToTheGivenLength() {
        byte[] bytes = "{\"a\":1}garbage".getBytes(StandardCharsets.US_ASCII);
        assertEquals(JsonSyntax.VALID, JsonSyntax.firstError(bytes, 7));
        assertEquals(5, JsonSyntax.firstError(bytes, 5));
    }
}
