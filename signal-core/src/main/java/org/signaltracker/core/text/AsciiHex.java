package org.signaltracker.core.text;

/**
 * Hex digits as the wire protocols define them: ASCII {@code 0-9}, {@code a-f}, {@code A-F} only.
 * {@link Character#digit(int, int)} would also accept the digits of other scripts (fullwidth, Arabic-Indic…),
 * which no percent-encoding, JSON escape or IPv6 literal allows.
 */
public final class AsciiHex {

    private AsciiHex() {
    }

    /** The value of hex digit {@code c} (a char or an unsigned or signed byte), or -1 if it is not one. */
    public static int digit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
