package org.signaltracker.core.protocol.json;

import java.nio.charset.StandardCharsets;

/**
 * Reads and writes JSON string tokens. Reading works on a token of text that passed {@link JsonSyntax}
 * (quotes included, escapes well-formed); writing escapes what RFC 8259 requires. Stateless and thread-safe.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /**
     * Whether the token {@code buf[start, end)} decodes to {@code ascii}. Without a backslash this compares
     * bytes and allocates nothing; with one it decodes first.
     */
    public static boolean equals(byte[] buf, int start, int end, byte[] ascii) {
        int length = end - start - 2;
        boolean escaped = false;
        for (int i = start + 1; i < end - 1; i++) {
            if (buf[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (escaped) {
            return decode(buf, start, end).equals(new String(ascii, StandardCharsets.US_ASCII));
        }
        if (length != ascii.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buf[start + 1 + i] != ascii[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the token holds a backslash, i.e. its raw bytes differ from its value. */
    public static boolean hasEscape(byte[] buf, int start, int end) {
        for (int i = start + 1; i < end - 1; i++) {
            if (buf[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The value of the string token {@code buf[start, end)}. */
    public static String decode(byte[] buf, int start, int end) {
        int from = start + 1;
        int to = end - 1;
        if (!hasEscape(buf, start, end)) {
            return new String(buf, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int runEnd = i;
            while (runEnd < to && buf[runEnd] != '\\') {
                runEnd++;
            }
            out.append(new String(buf, i, runEnd - i, StandardCharsets.UTF_8));
            if (runEnd >= to) {
                break;
            }
            byte e = buf[runEnd + 1];
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(new String(buf, runEnd + 2, 4, StandardCharsets.US_ASCII), 16));
                    i = runEnd + 6;
                    continue;
                }
                default -> out.append((char) e); // " \ /
            }
            i = runEnd + 2;
        }
        return out.toString();
    }
}
