package org.signaltracker.core.store;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A torrent's 20-byte info hash as a value: equal bytes are equal hashes, and {@link #toString()} is the
 * 40-digit lower-case hex form operators type. Immutable; the bytes are copied in and out.
 */
public final class InfoHash implements Comparable<InfoHash> {

    public static final int BYTES = 20;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The hash of these 20 bytes; any other length is refused. */
    public static InfoHash of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("info hash: " + bytes.length + " bytes (expected: " + BYTES + ")");
        }
        return new InfoHash(bytes.clone());
    }

    /**
     * Parses 40 hex digits (either case). The message of a refusal says what was wrong, so a command-line
     * tool or an admin route can pass it on as it is.
     */
    public static InfoHash parseHex(String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("info hash: " + hex.length() + " characters (expected: "
                    + 2 * BYTES + " hex digits)");
        }
        try {
            return new InfoHash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("info hash: not hex (expected: " + 2 * BYTES + " hex digits)", e);
        }
    }

    /** A copy of the 20 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /** Unsigned byte order, the order both databases sort a binary column in; list pages follow it. */
    @Override
    public int compareTo(InfoHash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
