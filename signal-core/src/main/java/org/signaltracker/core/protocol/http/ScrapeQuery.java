package org.signaltracker.core.protocol.http;

import java.util.Arrays;

/**
 * One decoded HTTP scrape (BEP 48): the info hashes it names, sorted by their raw bytes and without
 * repeats, which is the order of the keys of the bencoded {@code files} dictionary.
 *
 * <p>Mutable and reused: one per event loop, sized for {@code classic.maxScrapeHashes}. Not thread-safe.
 */
public final class ScrapeQuery {

    private final byte[] hashes;
    /** One hash while two trade places in {@link #sortDistinct}. */
    private final byte[] swap = new byte[20];
    private final int capacity;
    private int count;

    ScrapeQuery(int maxHashes) {
        this.capacity = maxHashes;
        this.hashes = new byte[maxHashes * 20];
    }

    /** Distinct info hashes named. */
    public int count() {
        return count;
    }

    /** The hashes' bytes: hash {@code i} at {@code 20 * i}. */
    public byte[] hashes() {
        return hashes;
    }

    int capacity() {
        return capacity;
    }

    void reset() {
        count = 0;
    }

    /** Where the next hash is decoded; {@link #added} keeps it. */
    int nextOffset() {
        return count * 20;
    }

    void added() {
        count++;
    }

    /** Sorts the hashes by unsigned bytes and drops repeats (a dictionary has each key once). */
    void sortDistinct() {
        byte[] h = hashes;
        for (int i = 1; i < count; i++) {
            int j = i;
            while (j > 0 && Arrays.compareUnsigned(h, (j - 1) * 20, j * 20, h, j * 20, j * 20 + 20) > 0) {
                System.arraycopy(h, j * 20, swap, 0, 20);
                System.arraycopy(h, (j - 1) * 20, h, j * 20, 20);
                System.arraycopy(swap, 0, h, (j - 1) * 20, 20);
                j--;
            }
        }
        int kept = Math.min(count, 1);
        for (int i = 1; i < count; i++) {
            if (!Arrays.equals(h, i * 20, i * 20 + 20, h, (kept - 1) * 20, kept * 20)) {
                if (i != kept) {
                    System.arraycopy(h, i * 20, h, kept * 20, 20);
                }
                kept++;
            }
        }
        count = kept;
    }
}
