package org.signaltracker.core.store;

import java.util.Collection;

/**
 * The completed counts the database held at the last load, by info hash: what a swarm created after a
 * restart (or after it emptied) starts from, and what a scrape of a hash without a swarm reports. An
 * immutable open-addressing table of primitive arrays, replaced whole on each load, so a lookup from an
 * event loop is one volatile read and a probe of three numbers per slot: no lock, no allocation.
 *
 * <p>Only hashes with a count above zero are held. Thread-safe: readers see a whole table, old or new.
 */
public final class StoredCounts {

    private volatile Table table = new Table(0);

    /** Replaces every count with those of a load from the database. */
    public void replaceAll(Collection<PolicyEntry> entries) {
        int withCounts = 0;
        for (PolicyEntry entry : entries) {
            if (entry.completed() > 0) {
                withCounts++;
            }
        }
        Table next = new Table(withCounts);
        for (PolicyEntry entry : entries) {
            if (entry.completed() > 0) {
                next.put(entry.infoHash().toBytes(), entry.completed());
            }
        }
        table = next;
    }

    /** The stored count of a 20-byte info hash, 0 when none, saturated at 2^31 - 1. Allocation-free. */
    public int completed(byte[] infoHash) {
        long count = table.get(infoHash);
        return count > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) count;
    }

    /** Hashes with a stored count above zero. */
    public int size() {
        return table.size;
    }

    /** Built by one thread before it is published; never changed after. */
    private static final class Table {
        private final long[] highs;
        private final long[] middles;
        private final int[] lows;
        /** 0 marks an empty slot: only counts above zero are held. */
        private final long[] counts;
        private final int mask;
        private int size;

        Table(int expected) {
            // At most half full, so a miss ends after a short probe.
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            highs = new long[capacity];
            middles = new long[capacity];
            lows = new int[capacity];
            counts = new long[capacity];
            mask = capacity - 1;
        }

        long get(byte[] infoHash) {
            long high = PackedHash.high(infoHash);
            long middle = PackedHash.middle(infoHash);
            int low = PackedHash.low(infoHash);
            for (int slot = PackedHash.mix(high, middle, low) & mask; ; slot = (slot + 1) & mask) {
                long count = counts[slot];
                if (count == 0) {
                    return 0;
                }
                if (highs[slot] == high && middles[slot] == middle && lows[slot] == low) {
                    return count;
                }
            }
        }

        void put(byte[] infoHash, long count) {
            long high = PackedHash.high(infoHash);
            long middle = PackedHash.middle(infoHash);
            int low = PackedHash.low(infoHash);
            int slot = PackedHash.mix(high, middle, low) & mask;
            while (counts[slot] != 0 && !(highs[slot] == high && middles[slot] == middle && lows[slot] == low)) {
                slot = (slot + 1) & mask;
            }
            if (counts[slot] == 0) {
                size++;
            }
            highs[slot] = high;
            middles[slot] = middle;
            lows[slot] = low;
            counts[slot] = count;
        }
    }
}
