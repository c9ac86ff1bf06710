package org.signaltracker.core.protocol.json;

import java.nio.charset.StandardCharsets;

/**
 * Where the members of one JSON object (or the elements of one array) lie in a buffer: for each, the byte
 * range of its key token (quotes included) and of its value. Codecs use it to read a few fields and to copy
 * the others verbatim, so relaying builds no tree and no strings.
 *
 * <p>Only for text that passed {@link JsonSyntax#firstError}: the scan trusts the syntax and so stays a
 * few branches per byte. Not thread-safe: one per codec, its arrays reused from message to message.
 */
public final class JsonMembers {

    private int count;
    private int[] keyStart = new int[16];
    private int[] keyEnd = new int[16];
    private int[] valueStart = new int[16];
    private int[] valueEnd = new int[16];

    /**
     * Scans the object or array whose first byte (after whitespace) is at {@code start}, up to {@code end}.
     * Returns the index after its closing bracket, or -1 when the value there is not {@code expected}
     * ('{' or '[').
     */
    public int scan(byte[] buf, int start, int end, byte expected) {
        count = 0;
        int i = skipWhitespace(buf, start, end);
        if (i >= end || buf[i] != expected) {
            return -1;
        }
        boolean object = expected == '{';
        byte close = object ? (byte) '}' : (byte) ']';
        i = skipWhitespace(buf, i + 1, end);
        if (buf[i] == close) {
            return i + 1;
        }
        while (true) {
            grow();
            if (object) {
                keyStart[count] = i;
                i = skipString(buf, i);
                keyEnd[count] = i;
                i = skipWhitespace(buf, i, end) + 1; // the colon
                i = skipWhitespace(buf, i, end);
            } else {
                keyStart[count] = -1;
                keyEnd[count] = -1;
            }
            valueStart[count] = i;
            i = skipValue(buf, i, end);
            valueEnd[count] = i;
            count++;
            i = skipWhitespace(buf, i, end);
            if (buf[i] == close) {
                return i + 1;
            }
            i = skipWhitespace(buf, i + 1, end); // past the comma
        }
    }

    public int count() {
        return count;
    }

    public int keyStart(int index) {
        return keyStart[index];
    }

    public int keyEnd(int index) {
        return keyEnd[index];
    }

    public int valueStart(int index) {
        return valueStart[index];
    }

    public int valueEnd(int index) {
        return valueEnd[index];
    }

    /** Index of the last member named {@code name} (the one {@code JSON.parse} keeps), or -1. */
    public int last(byte[] buf, byte[] name) {
        for (int m = count - 1; m >= 0; m--) {
            if (keyEquals(buf, m, name)) {
                return m;
            }
        }
        return -1;
    }

    /** Whether member {@code index}'s key is {@code name}, escapes decoded (any spelling of "type" is "type"). */
    public boolean keyEquals(byte[] buf, int index, byte[] name) {
        return JsonStrings.equals(buf, keyStart[index], keyEnd[index], name);
    }

    /** Whether value {@code index} is a string token. */
    public boolean isString(byte[] buf, int index) {
        return buf[valueStart[index]] == '"';
    }

    private void grow() {
        if (count == keyStart.length) {
            int size = count * 2;
            keyStart = java.util.Arrays.copyOf(keyStart, size);
            keyEnd = java.util.Arrays.copyOf(keyEnd, size);
            valueStart = java.util.Arrays.copyOf(valueStart, size);
            valueEnd = java.util.Arrays.copyOf(valueEnd, size);
        }
    }

    /** From an opening quote to just past its closing quote. */
    static int skipString(byte[] buf, int i) {
        i++;
        while (true) {
            byte b = buf[i];
            if (b == '"') {
                return i + 1;
            }
            i += b == '\\' ? 2 : 1;
        }
    }

    private static int skipValue(byte[] buf, int i, int end) {
        byte b = buf[i];
        if (b == '"') {
            return skipString(buf, i);
        }
        if (b == '{' || b == '[') {
            int depth = 0;
            while (true) {
                b = buf[i];
                if (b == '"') {
                    i = skipString(buf, i);
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
        }
        while (i < end) { // number or literal: ends at a delimiter
            b = buf[i];
            if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private static int skipWhitespace(byte[] buf, int i, int end) {
        while (i < end) {
            byte b = buf[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The bytes of an ASCII name, for {@link #last} and {@link #keyEquals}. */
    public static byte[] name(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
