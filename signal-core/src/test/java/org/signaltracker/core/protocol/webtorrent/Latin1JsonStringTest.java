package org.signaltracker.core.protocol.webtorrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Latin1JsonStringTest {

    private static int decode(String token, byte[] out) {
        byte[] raw = TestJson.utf8(token);
        return Latin1JsonString.decode(raw, 0, raw.length, out);
    }

    @Test
    void everyByteValueRoundTripsThroughItsJsonForm() {
        StringBuilder chars = new StringBuilder();
        byte[] expected = new byte[256];
        for (int b = 0; b < 256; b++) {
            chars.append((char) b);
            expected[b] = (byte) b;
        }
        byte[] out = new byte[256];
        assertEquals(256, decode(TestJson.quote(chars.toString()), out));
        assertArrayEquals(expected, out);
    }

    @Test
    void escapesDecodeToSingleBytes() {
        byte[] out = new byte[8];
        assertEquals(8, decode("\"\\u00e9\\u0000\\\"\\\\\\/\\n\\t\\u00FF\"", out));
        assertArrayEquals(new byte[] {(byte) 0xE9, 0, '"', '\\', '/', '\n', '\t', (byte) 0xFF}, out);
    }

    @Test
    void charactersAboveU00ffAreRefused() {
        byte[] out = new byte[4];
        assertEquals(Latin1JsonString.INVALID, decode("\"a\u0100\"", out), "two-byte UTF-8 above U+00FF");
        assertEquals(Latin1JsonString.INVALID, decode("\"\u20ac\"", out), "three-byte UTF-8");
        assertEquals(Latin1JsonString.INVALID, decode("\"\\u0100\"", out), "escaped above U+00FF");
        assertEquals(Latin1JsonString.INVALID, decode("\"\\ud83d\\ude00\"", out), "surrogate pair");
    }

    @Test
    void malformedTokensAreRefused() {
        byte[] out = new byte[4];
        assertEquals(Latin1JsonString.INVALID, decode("abc", out), "not a string");
        assertEquals(Latin1JsonString.INVALID, decode("\"\\q\"", out), "unknown escape");
        assertEquals(Latin1JsonString.INVALID, decode("\"\\u00g0\"", out), "bad hex");
        assertEquals(Latin1JsonString.INVALID, decode("\"\\u00\"", out), "short escape");
    }

    @Test
    void lengthIsCountedPastTheOutputBuffer() {
        byte[] out = new byte[20];
        assertEquals(21, decode(TestJson.quote("x".repeat(21)), out));
        assertEquals(19, decode(TestJson.quote("x".repeat(19)), out));
    }
}
