package org.signaltracker.core.protocol.webtorrent;

import org.signaltracker.core.text.AsciiHex;

/**
 * Decodes one raw JSON string token (quotes included) into bytes, one byte per character, refusing any
 * character above U+00FF and any raw control character. This is how WebTorrent carries 20-byte ids: a
 * "binary string" whose characters are the bytes. Working on the raw token avoids building a
 * {@code String} per id on the hot path.
 *
 * <p>Stateless and thread-safe.
 */
final class Latin1JsonString {

    /** Returned when the token is not a string, is malformed, or holds a character above U+00FF. */
    static final int INVALID = -1;

    private Latin1JsonString() {
    }

    /**
     * Decodes {@code buf[start, end)}, a token that must begin and end with a quote, into {@code out}.
     *
     * @return the number of characters (bytes written), or {@link #INVALID}; characters past
     *     {@code out.length} are counted but not written, so a too-long id is reported by its true length
     */
    static int decode(byte[] buf, int start, int end, byte[] out) {
        if (end - start < 2 || buf[start] != '"' || buf[end - 1] != '"') {
            return INVALID;
        }
        int count = 0;
        int i = start + 1;
        int last = end - 1;
        while (i < last) {
            int b = buf[i] & 0xFF;
            int value;
            if (b == '\\') {
                if (i + 1 >= last) {
                    return INVALID;
                }
                int e = buf[i + 1];
                switch (e) {
                    case '"': value = '"'; i += 2; break;
                    case '\\': value = '\\'; i += 2; break;
                    case '/': value = '/'; i += 2; break;
                    case 'b': value = '\b'; i += 2; break;
                    case 'f': value = '\f'; i += 2; break;
                    case 'n': value = '\n'; i += 2; break;
                    case 'r': value = '\r'; i += 2; break;
                    case 't': value = '\t'; i += 2; break;
                    case 'u':
                        if (i + 6 > last) {
                            return INVALID;
                        }
                        value = hex4(buf, i + 2);
                        if (value < 0 || value > 0xFF) {
                            return INVALID;
                        }
                        i += 6;
                        break;
                    default:
                        return INVALID;
                }
            } else if (b < 0x20) {
                // JSON forbids raw control characters in strings; the token would be echoed to clients.
                return INVALID;
            } else if (b < 0x80) {
                value = b;
                i++;
            } else if ((b == 0xC2 || b == 0xC3) && i + 1 < last && (buf[i + 1] & 0xC0) == 0x80) {
                // U+0080..U+00FF is exactly the two-byte UTF-8 range led by 0xC2 and 0xC3.
                value = (b & 0x1F) << 6 | (buf[i + 1] & 0x3F);
                i += 2;
            } else {
                return INVALID;
            }
            if (count < out.length) {
                out[count] = (byte) value;
            }
            count++;
        }
        return count;
    }

    private static int hex4(byte[] buf, int at) {
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int digit = AsciiHex.digit(buf[at + k]);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
