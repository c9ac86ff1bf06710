package org.signaltracker.core.protocol.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are exactly one JSON text as RFC 8259 defines it: well-formed UTF-8, no raw control
 * characters in strings, only the defined escapes, the number grammar, and no trailing bytes. Nesting is
 * limited to {@link #MAX_DEPTH} levels and the check is iterative, so no input can exhaust the stack.
 *
 * <p>Why the decoder needs it: the {@code offer} and {@code answer} objects, {@code offer_id} and the id
 * tokens are copied verbatim into messages for other peers. dsl-json's {@code skip()} is lenient (it passes
 * {@code 12abc}, {@code "\q"} and raw control characters) and recursive, and binary WebSocket frames reach
 * us without Netty's UTF-8 check. Relaying such bytes would make the receiver's browser fail its whole
 * tracker socket (invalid UTF-8 in a text frame is a 1007 close), so one bad sender could disconnect others.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonSyntax {

    /** Deepest nesting of arrays and objects accepted; real messages nest four levels at most. */
    public static final int MAX_DEPTH = 64;

    /** Returned by {@link #firstError} for a valid JSON text. */
    public static final int VALID = -1;

    // Reads eight bytes at once: string content (SDP text) is most of every message, and testing a word for
    // "plain ASCII, no quote, no backslash, no control character" is several times faster than per byte.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private JsonSyntax() {
    }

    /**
     * Returns {@link #VALID}, or the index of the first byte that makes {@code buf[0, length)} invalid
     * ({@code length} when the text ends too early). Everything before that index is a valid JSON prefix.
     */
    public static int firstError(byte[] buf, int length) {
        long objectLevels = 0; // bit d is set when nesting level d is an object (clear: an array)
        int depth = 0;
        int i = skipWhitespace(buf, 0, length);
        while (true) {
            // Here a value starts at i.
            if (i >= length) {
                return length;
            }
            byte c = buf[i];
            if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) {
                    return i;
                }
                boolean object = c == '{';
                objectLevels = object ? objectLevels | 1L << depth : objectLevels & ~(1L << depth);
                depth++;
                i = skipWhitespace(buf, i + 1, length);
                if (i < length && buf[i] == (object ? '}' : ']')) {
                    depth--;
                    i++;
                } else {
                    if (object) {
                        i = member(buf, i, length);
                        if (i < 0) {
                            return ~i;
                        }
                    }
                    continue;
                }
            } else {
                i = scalar(buf, i, length);
                if (i < 0) {
                    return ~i;
                }
            }
            // Here a value ended at i: close containers until a comma asks for the next value.
            while (true) {
                i = skipWhitespace(buf, i, length);
                if (depth == 0) {
                    return i == length ? VALID : i;
                }
                if (i >= length) {
                    return length;
                }
                boolean inObject = (objectLevels >>> (depth - 1) & 1) != 0;
                c = buf[i];
                if (c == ',') {
                    i = skipWhitespace(buf, i + 1, length);
                    if (inObject) {
                        i = member(buf, i, length);
                        if (i < 0) {
                            return ~i;
                        }
                    }
                    break;
                }
                if (c != (inObject ? '}' : ']')) {
                    return i;
                }
                depth--;
                i++;
            }
        }
    }

    /** A member name and its colon; returns where the value starts, or {@code ~errorIndex}. */
    private static int member(byte[] buf, int i, int length) {
        if (i >= length) {
            return ~length;
        }
        if (buf[i] != '"') {
            return ~i;
        }
        i = string(buf, i + 1, length);
        if (i < 0) {
            return i;
        }
        i = skipWhitespace(buf, i, length);
        if (i >= length) {
            return ~length;
        }
        if (buf[i] != ':') {
            return ~i;
        }
        return skipWhitespace(buf, i + 1, length);
    }

    /** A string, number or literal at {@code i}; returns the index after it, or {@code ~errorIndex}. */
    private static int scalar(byte[] buf, int i, int length) {
        byte c = buf[i];
        if (c == '"') {
            return string(buf, i + 1, length);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(buf, i, length);
        }
        if (c == 't') {
            return literal(buf, i, length, "true");
        }
        if (c == 'f') {
            return literal(buf, i, length, "false");
        }
        if (c == 'n') {
            return literal(buf, i, length, "null");
        }
        return ~i;
    }

    /** String content from {@code i} (just past the opening quote); returns the index after the closing quote. */
    private static int string(byte[] buf, int i, int length) {
        while (true) {
            while (i + 8 <= length && plainAscii((long) LONGS.get(buf, i))) {
                i += 8;
            }
            if (i >= length) {
                return ~length;
            }
            int c = buf[i] & 0xFF;
            if (c == '"') {
                return i + 1;
            } else if (c == '\\') {
                i = escape(buf, i, length);
            } else if (c < 0x20) {
                return ~i;
            } else if (c < 0x80) {
                i++;
            } else {
                i = utf8(buf, i, length);
            }
            if (i < 0) {
                return i;
            }
        }
    }

    /** True when none of the eight bytes is non-ASCII, a control character, a quote or a backslash. */
    private static boolean plainAscii(long w) {
        // Each term sets a byte's high bit when that byte may be special (no false negatives), per the
        // classic "has a byte less than n / has a zero byte" word tricks.
        long special = w | (w - SPACES) & ~w | hasZeroByte(w ^ QUOTES) | hasZeroByte(w ^ BACKSLASHES);
        return (special & HIGH_BITS) == 0;
    }

    private static long hasZeroByte(long x) {
        return (x - ONES) & ~x;
    }

    private static int escape(byte[] buf, int i, int length) {
        if (i + 1 >= length) {
            return ~length;
        }
        switch (buf[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return i + 2;
            case 'u':
                for (int k = i + 2; k < i + 6; k++) {
                    if (k >= length) {
                        return ~length;
                    }
                    if (Character.digit(buf[k], 16) < 0) {
                        return ~k;
                    }
                }
                return i + 6;
            default:
                return ~(i + 1);
        }
    }

    /**
     * Whether {@code buf[offset, offset + length)} is well-formed UTF-8. Only asked after a message failed
     * {@link #firstError}: valid JSON is valid UTF-8 already, so the common path never pays for this pass.
     */
    public static boolean isUtf8(byte[] buf, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (buf[i] >= 0) {
                i++;
            } else {
                i = utf8(buf, i, end);
                if (i < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One multi-byte UTF-8 sequence at {@code i}: shortest form, no surrogates, at most U+10FFFF. */
    private static int utf8(byte[] buf, int i, int length) {
        int lead = buf[i] & 0xFF;
        int count;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            count = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            count = 2;
            if (lead == 0xE0) {
                min = 0xA0; // shorter forms exist for U+0000..U+07FF
            } else if (lead == 0xED) {
                max = 0x9F; // U+D800..U+DFFF are surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            count = 3;
            if (lead == 0xF0) {
                min = 0x90;
            } else if (lead == 0xF4) {
                max = 0x8F; // above U+10FFFF
            }
        } else {
            return ~i;
        }
        for (int k = 1; k <= count; k++) {
            if (i + k >= length) {
                return ~length;
            }
            int b = buf[i + k] & 0xFF;
            if (b < (k == 1 ? min : 0x80) || b > (k == 1 ? max : 0xBF)) {
                return ~(i + k);
            }
        }
        return i + 1 + count;
    }

    private static int number(byte[] buf, int i, int length) {
        if (buf[i] == '-') {
            i++;
        }
        if (i >= length) {
            return ~length;
        }
        if (buf[i] == '0') {
            i++;
        } else if (isDigit(buf[i])) {
            i = digits(buf, i, length);
        } else {
            return ~i;
        }
        if (i < length && buf[i] == '.') {
            i++;
            if (i >= length || !isDigit(buf[i])) {
                return ~Math.min(i, length);
            }
            i = digits(buf, i, length);
        }
        if (i < length && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            if (i < length && (buf[i] == '+' || buf[i] == '-')) {
                i++;
            }
            if (i >= length || !isDigit(buf[i])) {
                return ~Math.min(i, length);
            }
            i = digits(buf, i, length);
        }
        return i;
    }

    private static int digits(byte[] buf, int i, int length) {
        while (i < length && isDigit(buf[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int literal(byte[] buf, int i, int length, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (i + k >= length) {
                return ~length;
            }
            if (buf[i + k] != word.charAt(k)) {
                return ~(i + k);
            }
        }
        return i + word.length();
    }

    private static int skipWhitespace(byte[] buf, int i, int length) {
        while (i < length) {
            byte b = buf[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i++;
        }
        return i;
    }
}
