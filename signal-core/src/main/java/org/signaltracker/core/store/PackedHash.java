package org.signaltracker.core.store;

/**
 * A 20-byte info hash read as three primitives (8 + 8 + 4 bytes, big-endian), for tables that compare and
 * hash keys without allocating: the policy's standings and the pending activity. Stateless.
 */
public final class PackedHash {

    private PackedHash() {
    }

    public static long high(byte[] hash) {
        return readLong(hash, 0);
    }

    public static long middle(byte[] hash) {
        return readLong(hash, 8);
    }

    public static int low(byte[] hash) {
        return (hash[16] & 0xFF) << 24 | (hash[17] & 0xFF) << 16 | (hash[18] & 0xFF) << 8 | (hash[19] & 0xFF);
    }

    /** A well-mixed 32-bit hash; info hashes are random already, but a client could craft similar ones. */
    public static int mix(long high, long middle, int low) {
        long h = high * 0x9E3779B97F4A7C15L ^ middle * 0xC2B2AE3D27D4EB4FL ^ low * 0x165667B19E3779F9L;
        h ^= h >>> 32;
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 29));
    }

    /** Writes the three parts back as 20 bytes into {@code out}. */
    public static void write(long high, long middle, int low, byte[] out) {
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) high;
            high >>>= 8;
            out[8 + i] = (byte) middle;
            middle >>>= 8;
        }
        out[16] = (byte) (low >>> 24);
        out[17] = (byte) (low >>> 16);
        out[18] = (byte) (low >>> 8);
        out[19] = (byte) low;
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
