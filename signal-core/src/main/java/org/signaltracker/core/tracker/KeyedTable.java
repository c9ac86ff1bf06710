package org.signaltracker.core.tracker;

/**
 * An open-addressing hash table of {@link PackedKey} records, looked up by the three key primitives so a
 * lookup allocates nothing. Linear probing; deletion shifts later entries back so no tombstones pile up.
 * Starts tiny because most swarms hold one or two peers.
 *
 * <p>Not thread-safe: guarded by the stripe lock of its owner.
 */
final class KeyedTable<T extends PackedKey> {

    private static final int MIN_CAPACITY = 2;

    private PackedKey[] slots;
    private int size;

    KeyedTable(int expected) {
        slots = new PackedKey[capacityFor(Math.max(expected, 1))];
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T get(long high, long middle, int low) {
        PackedKey[] table = slots;
        int mask = table.length - 1;
        int i = PackedKey.hash(high, middle, low) & mask;
        PackedKey entry;
        while ((entry = table[i]) != null) {
            if (entry.hasKey(high, middle, low)) {
                return (T) entry;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Adds a record whose key is not in the table yet. */
    void add(T record) {
        if ((size + 1) * 4 > slots.length * 3) {
            resize(slots.length * 2);
        }
        insert(slots, record);
        size++;
    }

    /** Removes this exact record; returns false if it was not present. */
    boolean remove(T record) {
        PackedKey[] table = slots;
        int mask = table.length - 1;
        int i = record.keyHash() & mask;
        PackedKey entry;
        while ((entry = table[i]) != null) {
            if (entry == record) {
                shiftBack(table, i);
                size--;
                if (size * 8 < table.length && table.length > MIN_CAPACITY * 4) {
                    resize(table.length / 2);
                }
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    /** Slots to walk with {@link #at}: lets a reader visit every record without copying or allocating. */
    int capacity() {
        return slots.length;
    }

    /** The record in slot {@code index}, or null for an empty slot. */
    @SuppressWarnings("unchecked")
    T at(int index) {
        return (T) slots[index];
    }

    /** Copies every record into {@code out}, for callers that modify the table while walking it. */
    @SuppressWarnings("unchecked")
    void copyTo(java.util.List<T> out) {
        for (PackedKey entry : slots) {
            if (entry != null) {
                out.add((T) entry);
            }
        }
    }

    private static void shiftBack(PackedKey[] table, int hole) {
        int mask = table.length - 1;
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            PackedKey entry = table[i];
            if (entry == null) {
                table[hole] = null;
                return;
            }
            int home = entry.keyHash() & mask;
            // Move the entry into the hole only if the hole lies on its probe path (home .. i, cyclically).
            boolean holeOnPath = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (holeOnPath) {
                table[hole] = entry;
                hole = i;
            }
        }
    }

    private void resize(int capacity) {
        PackedKey[] bigger = new PackedKey[capacity];
        for (PackedKey entry : slots) {
            if (entry != null) {
                insert(bigger, entry);
            }
        }
        slots = bigger;
    }

    private static void insert(PackedKey[] table, PackedKey record) {
        int mask = table.length - 1;
        int i = record.keyHash() & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = record;
    }

    private static int capacityFor(int expected) {
        int capacity = MIN_CAPACITY;
        while (capacity * 3 < expected * 4) {
            capacity <<= 1;
        }
        return capacity;
    }
}
