package org.signaltracker.core.policy;

import java.util.Arrays;
import java.util.Collection;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PackedHash;
import org.signaltracker.core.store.PolicyEntry;

/**
 * An immutable open-addressing table from info hash to standing (allowed or denied), held as parallel
 * primitive arrays so a lookup from the announce path compares three numbers per slot and allocates
 * nothing. A change builds a new table (copy on write): changes are rare operator actions, lookups are
 * every announce. Immutable, so any thread may read it.
 */
final class StandingTable {

    static final byte ABSENT = 0;
    static final byte ALLOWED = 1;
    static final byte DENIED = 2;

    static final StandingTable EMPTY = new StandingTable(0);

    private final long[] highs;
    private final long[] middles;
    private final int[] lows;
    private final byte[] standings;
    private final int mask;
    private int size;

    private StandingTable(int expected) {
        // At most half full, so a miss ends after a short probe.
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        highs = new long[capacity];
        middles = new long[capacity];
        lows = new int[capacity];
        standings = new byte[capacity];
        mask = capacity - 1;
    }

    static StandingTable of(Collection<PolicyEntry> entries) {
        StandingTable table = new StandingTable(entries.size());
        for (PolicyEntry entry : entries) {
            table.put(entry.infoHash().toBytes(), entry.allowed() ? ALLOWED : DENIED);
        }
        return table;
    }

    /** A copy with {@code infoHash} set to {@code standing}, or left out for {@link #ABSENT}. */
    StandingTable with(InfoHash infoHash, byte standing) {
        byte[] changed = infoHash.toBytes();
        StandingTable copy = new StandingTable(size + 1);
        byte[] key = new byte[InfoHash.BYTES];
        for (int slot = 0; slot < standings.length; slot++) {
            if (standings[slot] != ABSENT) {
                writeKey(slot, key);
                if (!Arrays.equals(key, changed)) {
                    copy.put(key, standings[slot]);
                }
            }
        }
        if (standing != ABSENT) {
            copy.put(changed, standing);
        }
        return copy;
    }

    /** The standing of a 20-byte info hash; allocation-free. */
    byte standing(byte[] infoHash) {
        long high = PackedHash.high(infoHash);
        long middle = PackedHash.middle(infoHash);
        int low = PackedHash.low(infoHash);
        for (int slot = PackedHash.mix(high, middle, low) & mask; ; slot = (slot + 1) & mask) {
            byte standing = standings[slot];
            if (standing == ABSENT) {
                return ABSENT;
            }
            if (highs[slot] == high && middles[slot] == middle && lows[slot] == low) {
                return standing;
            }
        }
    }

    int size() {
        return size;
    }

    /** Only while building: a table is never changed once another thread can see it. */
    private void put(byte[] infoHash, byte standing) {
        long high = PackedHash.high(infoHash);
        long middle = PackedHash.middle(infoHash);
        int low = PackedHash.low(infoHash);
        int slot = PackedHash.mix(high, middle, low) & mask;
        while (standings[slot] != ABSENT
                && !(highs[slot] == high && middles[slot] == middle && lows[slot] == low)) {
            slot = (slot + 1) & mask;
        }
        if (standings[slot] == ABSENT) {
            size++;
        }
        highs[slot] = high;
        middles[slot] = middle;
        lows[slot] = low;
        standings[slot] = standing;
    }

    private void writeKey(int slot, byte[] out) {
        PackedHash.write(highs[slot], middles[slot], lows[slot], out);
    }
}
