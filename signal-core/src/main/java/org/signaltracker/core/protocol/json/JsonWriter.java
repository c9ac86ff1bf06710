package org.signaltracker.core.protocol.json;

import java.util.Arrays;

/**
 * A reused, growing byte buffer for writing one JSON message at a time: raw bytes, ASCII, numbers and
 * escaped strings. Writes allocate only when the buffer grows. Not thread-safe: one per codec.
 */
public final class JsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf = new byte[1024];
    private int size;

    public void reset() {
        size = 0;
    }

    public byte[] bytes() {
        return buf;
    }

    public int size() {
        return size;
    }

    public JsonWriter raw(byte[] src, int from, int to) {
        ensure(to - from);
        System.arraycopy(src, from, buf, size, to - from);
        size += to - from;
        return this;
    }

    public JsonWriter raw(byte[] src) {
        return raw(src, 0, src.length);
    }

    public JsonWriter ascii(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    /** Text known to need no escaping in JSON (ASCII without quotes, backslashes or control characters). */
    public JsonWriter ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buf[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    public JsonWriter number(long value) {
        return ascii(Long.toString(value));
    }

    /** {@code text} as a JSON string token, escaped as RFC 8259 requires, UTF-8 encoded. */
    public JsonWriter string(String text) {
        ensure(text.length() * 6 + 2); // a six-byte escape is the longest form of one char
        buf[size++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                buf[size++] = '\\';
                buf[size++] = (byte) c;
            } else if (c < 0x20) {
                buf[size++] = '\\';
                buf[size++] = 'u';
                buf[size++] = '0';
                buf[size++] = '0';
                buf[size++] = HEX[c >> 4];
                buf[size++] = HEX[c & 0xF];
            } else if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                buf[size++] = (byte) (0xF0 | cp >> 18);
                buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buf[size++] = '\\';
                buf[size++] = 'u';
                buf[size++] = HEX[c >> 12];
                buf[size++] = HEX[c >> 8 & 0xF];
                buf[size++] = HEX[c >> 4 & 0xF];
                buf[size++] = HEX[c & 0xF];
            } else {
                buf[size++] = (byte) (0xE0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        buf[size++] = '"';
        return this;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
