package org.signaltracker.core.tracker;

/**
 * Something identified by a 20-byte id (an info hash or a peer id) held as three primitives, so tables can
 * compare keys without allocating and a record costs 20 bytes for its id instead of an array.
 *
 * <p>The key of a record never changes while it is in a table. Not thread-safe on its own: records are
 * guarded by the stripe lock of their swarm.
 */
abstract class PackedKey {

    final long keyHigh;
    final long keyMiddle;
    final int keyLow;

    PackedKey(long keyHigh, long keyMiddle, int keyLow) {
        this.keyHigh = keyHigh;
        this.keyMiddle = keyMiddle;
        this.keyLow = keyLow;
    }

    final boolean hasKey(long high, long middle, int low) {
        return keyHigh == high && keyMiddle == middle && keyLow == low;
    }

    static long high(byte[] id) {
        return readLong(id, 0);
    }

    static long middle(byte[] id) {
        return readLong(id, 8);
    }

    static int low(byte[] id) {
        return (id[16] & 0xFF) << 24 | (id[17] & 0xFF) << 16 | (id[18] & 0xFF) << 8 | (id[19] & 0xFF);
    }

    /** A well-mixed hash of a packed id; ids are often random, but peer ids share a client prefix. */
    static int hash(long high, long middle, int low) {
        long h = high * 0x9E3779B97F4A7C15L;
        h ^= middle + 0x632BE59BD9B4E019L + (h << 6) + (h >>> 2);
        h ^= low * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 29));
    }

    final int keyHash() {
        return hash(keyHigh, keyMiddle, keyLow);
    }

    /** Writes the id back as 20 bytes, for callers that need the raw value. */
    final void copyKeyTo(byte[] out) {
        writeLong(out, 0, keyHigh);
        writeLong(out, 8, keyMiddle);
        out[16] = (byte) (keyLow >>> 24);
        out[17] = (byte) (keyLow >>> 16);
        out[18] = (byte) (keyLow >>> 8);
        out[19] = (byte) keyLow;
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    private static void writeLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
