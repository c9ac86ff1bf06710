package org.signaltracker.core.access;

import java.net.InetAddress;
import org.signaltracker.core.text.AsciiHex;

/**
 * An IP address as one 128-bit number. IPv4 addresses are held in their IPv4-mapped IPv6 form
 * ({@code ::ffff:a.b.c.d}), so a dual-stack socket's {@code ::ffff:127.0.0.1} and a plain {@code 127.0.0.1}
 * are the same address and one range type matches both families. Parsed from literal text only: there is
 * no host-name lookup anywhere on this path, so a header or a config value can never make the daemon
 * wait for DNS. Immutable; equal addresses are equal records, which makes them map keys.
 *
 * @param high the first 64 bits
 * @param low  the last 64 bits
 */
public record IpAddress(long high, long low) {

    /** The 96-bit prefix of IPv4-mapped addresses, as the upper half of {@link #low}. */
    private static final long MAPPED_MARK = 0xFFFFL;

    /** An IPv4 address from its 32 bits. */
    public static IpAddress ipv4(int bits) {
        return new IpAddress(0, MAPPED_MARK << 32 | (bits & 0xFFFF_FFFFL));
    }

    /** From the 4 or 16 bytes of a socket's address (network order). */
    public static IpAddress of(byte[] bytes) {
        if (bytes.length == 4) {
            return ipv4((bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF);
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (bytes[i] & 0xFF);
            low = low << 8 | (bytes[i + 8] & 0xFF);
        }
        return new IpAddress(high, low);
    }

    /** From an address the socket layer already holds; reads its bytes, never its host name. */
    public static IpAddress of(InetAddress address) {
        return of(address.getAddress());
    }

    /**
     * Parses a literal IPv4 ({@code 192.0.2.1}) or IPv6 ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1})
     * address; null for anything else, host names, zone ids ({@code %eth0}), brackets and ports included.
     * IPv4 parts with a leading zero are refused: some parsers read them as octal.
     */
    public static IpAddress parse(CharSequence text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':') {
                return parseIpv6(text);
            }
        }
        long bits = parseIpv4(text, 0, text.length());
        return bits < 0 ? null : ipv4((int) bits);
    }

    public boolean isIpv4() {
        return high == 0 && low >>> 32 == MAPPED_MARK;
    }

    /**
     * This address with all but the first {@code prefixBits} bits (of 128) cleared; an IPv4 address counts
     * its bits from the 96 of the mapped prefix.
     */
    public IpAddress masked(int prefixBits) {
        if (prefixBits < 0 || prefixBits > 128) {
            throw new IllegalArgumentException("prefix length " + prefixBits + " (expected: 0..128)");
        }
        return new IpAddress(high & highMask(prefixBits), low & lowMask(prefixBits));
    }

    static long highMask(int prefixBits) {
        return prefixBits >= 64 ? -1L : prefixBits == 0 ? 0 : -1L << (64 - prefixBits);
    }

    static long lowMask(int prefixBits) {
        return prefixBits <= 64 ? 0 : prefixBits == 128 ? -1L : -1L << (128 - prefixBits);
    }

    /** Dotted for IPv4, RFC 5952's short form for IPv6 (lower case, longest run of zero groups as ::). */
    @Override
    public String toString() {
        if (isIpv4()) {
            return ((low >>> 24) & 0xFF) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "."
                    + (low & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The 32 bits of a dotted quad in {@code text[from, to)}, or -1. */
    private static long parseIpv4(CharSequence text, int from, int to) {
        long bits = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            bits = bits << 8 | value;
            parts++;
            if (parts < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? bits : -1;
    }

    private static IpAddress parseIpv6(CharSequence text) {
        int length = text.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.charAt(0) == ':') {
            if (length < 2 || text.charAt(1) != ':') {
                return null;
            }
            gap = 0;
            i = 2;
        }
        while (i < length) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < length && i - start < 4 && AsciiHex.digit(text.charAt(i)) >= 0) {
                value = value << 4 | AsciiHex.digit(text.charAt(i));
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                // An embedded IPv4 tail takes the last two groups.
                if (count > 6) {
                    return null;
                }
                long v4 = parseIpv4(text, start, length);
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = length;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == length) {
                return null; // a single trailing colon
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = high << 16 | full[g];
            low = low << 16 | full[g + 4];
        }
        return new IpAddress(high, low);
    }

}
