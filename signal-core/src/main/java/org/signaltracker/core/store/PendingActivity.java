package org.signaltracker.core.store;

import java.util.Map;

/**
 * Activity seen since the last write, per info hash: completed announces to add and the span of announce
 * times. Event loops {@link #record} into it; the writer {@link #drainTo drains} it. Spread over lock
 * stripes held as primitive arrays, so recording takes one short lock and allocates nothing once a stripe
 * has grown to the number of torrents active in an interval: draining empties the arrays in place instead
 * of replacing them.
 *
 * <p>Thread-safe, lock-striped.
 */
public final class PendingActivity {

    private final Stripe[] stripes;
    private final int stripeMask;

    /** @param stripeCount a power of two; more stripes mean less contention between event loops */
    public PendingActivity(int stripeCount) {
        if (stripeCount <= 0 || Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("stripeCount: " + stripeCount + " (expected: a power of two)");
        }
        stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Stripe();
        }
        stripeMask = stripeCount - 1;
    }

    /**
     * Records one announce of a 20-byte info hash at {@code nowEpochSecond} (Unix seconds, positive), and
     * {@code completed} more completed downloads. Allocation-free unless the stripe has to grow.
     */
    public void record(byte[] infoHash, int completed, long nowEpochSecond) {
        long high = PackedHash.high(infoHash);
        long middle = PackedHash.middle(infoHash);
        int low = PackedHash.low(infoHash);
        int hash = PackedHash.mix(high, middle, low);
        Stripe stripe = stripes[(hash >>> 24) & stripeMask];
        synchronized (stripe) {
            stripe.add(hash, high, middle, low, completed, nowEpochSecond);
        }
    }

    /**
     * Moves everything recorded into {@code out}, merging with what {@code out} already holds for the same
     * hash, and leaves this empty.
     */
    public void drainTo(Map<InfoHash, TorrentActivity> out) {
        byte[] key = new byte[InfoHash.BYTES];
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                stripe.drainTo(out, key);
            }
        }
    }

    /** Folds {@code next} into what {@code into} holds for its hash. */
    static void merge(Map<InfoHash, TorrentActivity> into, TorrentActivity next) {
        into.merge(next.infoHash(), next, (a, b) -> new TorrentActivity(a.infoHash(),
                a.completedIncrement() + b.completedIncrement(),
                Math.min(a.firstSeenEpochSecond(), b.firstSeenEpochSecond()),
                Math.max(a.lastSeenEpochSecond(), b.lastSeenEpochSecond())));
    }

    /** One stripe's open-addressing table; a slot is empty while its first-seen time is 0. Guarded by itself. */
    private static final class Stripe {
        private long[] highs = new long[16];
        private long[] middles = new long[16];
        private int[] lows = new int[16];
        private long[] completed = new long[16];
        private long[] firstSeen = new long[16];
        private long[] lastSeen = new long[16];
        private int size;

        void add(int hash, long high, long middle, int low, long more, long now) {
            int mask = highs.length - 1;
            int slot = hash & mask;
            while (firstSeen[slot] != 0) {
                if (highs[slot] == high && middles[slot] == middle && lows[slot] == low) {
                    completed[slot] += more;
                    firstSeen[slot] = Math.min(firstSeen[slot], now);
                    lastSeen[slot] = Math.max(lastSeen[slot], now);
                    return;
                }
                slot = (slot + 1) & mask;
            }
            highs[slot] = high;
            middles[slot] = middle;
            lows[slot] = low;
            completed[slot] = more;
            firstSeen[slot] = now;
            lastSeen[slot] = now;
            if (++size * 2 > highs.length) {
                grow();
            }
        }

        void drainTo(Map<InfoHash, TorrentActivity> out, byte[] key) {
            for (int slot = 0; slot < firstSeen.length && size > 0; slot++) {
                if (firstSeen[slot] != 0) {
                    PackedHash.write(highs[slot], middles[slot], lows[slot], key);
                    merge(out, new TorrentActivity(InfoHash.of(key), completed[slot], firstSeen[slot],
                            lastSeen[slot]));
                    firstSeen[slot] = 0;
                    size--;
                }
            }
        }

        private void grow() {
            long[] oldHighs = highs;
            long[] oldMiddles = middles;
            int[] oldLows = lows;
            long[] oldCompleted = completed;
            long[] oldFirst = firstSeen;
            long[] oldLast = lastSeen;
            int capacity = oldHighs.length * 2;
            highs = new long[capacity];
            middles = new long[capacity];
            lows = new int[capacity];
            completed = new long[capacity];
            firstSeen = new long[capacity];
            lastSeen = new long[capacity];
            int mask = capacity - 1;
            for (int i = 0; i < oldHighs.length; i++) {
                if (oldFirst[i] != 0) {
                    int slot = PackedHash.mix(oldHighs[i], oldMiddles[i], oldLows[i]) & mask;
                    while (firstSeen[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    highs[slot] = oldHighs[i];
                    middles[slot] = oldMiddles[i];
                    lows[slot] = oldLows[i];
                    completed[slot] = oldCompleted[i];
                    firstSeen[slot] = oldFirst[i];
                    lastSeen[slot] = oldLast[i];
                }
            }
        }
    }
}
