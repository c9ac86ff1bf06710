package org.signaltracker.core.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonStringsTest {

    private static String decode(String token) {
        byte[] buf = token.getBytes(StandardCharsets.UTF_8);
        return JsonStrings.decode(buf, 0, buf.length);
    }

    @Test
    void decodesEveryEscapeAndUtf8() {
        assertEquals("plain", decode("\"plain\""));
        assertEquals("\"\\/\b\f\n\r\t", decode("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("é€😀", decode("\"\\u00e9\\u20AC\\ud83d\\ude00\""));
        assertEquals("aé", decode("\"a\u00e9\""));
        assertEquals("", decode("\"\""));
    }

    @Test
    void equalsComparesDecodedValues() {
        byte[] plain = "\"type\"".getBytes(StandardCharsets.UTF_8);
        byte[] escaped = "\"t\\u0079pe\"".getBytes(StandardCharsets.UTF_8);
        byte[] type = "type".getBytes(StandardCharsets.US_ASCII);
        assertTrue(JsonStrings.equals(plain, 0, plain.length, type));
        assertTrue(JsonStrings.equals(escaped, 0, escaped.length, type));
        assertFalse(JsonStrings.equals(plain, 0, plain.length, "typ".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theWriterEscapesWhatItMustAndReadsBack() {
        JsonWriter out = new JsonWriter();
        String nasty = "q\"b\\c\u0001\n\u00e9\u20ac\ud83d\ude00\ud800x";
        out.string(nasty);
        byte[] bytes = java.util.Arrays.copyOf(out.bytes(), out.size());
        assertEquals(JsonSyntax.VALID, JsonSyntax.firstError(bytes, bytes.length));
        assertEquals(nasty, JsonStrings.decode(bytes, 0, bytes.length));
        out.reset();
        out.ascii("{\"n\":").number(-42).ascii('}');
        assertEquals("{\"n\":-42}", new String(out.bytes(), 0, out.size(), StandardCharsets.UTF_8));
    }
}
