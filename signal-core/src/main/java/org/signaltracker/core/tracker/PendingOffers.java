package org.signaltracker.core.tracker;

/**
 * The offers a peer has received and not yet answered: which peer sent it an offer, with which
 * {@code offer_id}, and until when an answer is still useful. An answer is relayed only if it consumes one
 * of these entries (so only to a peer that really offered, and only once), and while a peer holds an entry
 * from another, its own offers do not go to that peer (the WebRTC glare rule).
 *
 * <p>Shaped for memory and for the relay path: the entries are a bare {@code long[]} held by the receiving
 * {@link Peer}, created on its first offer (a peer that never receives one pays nothing) and dropped by the
 * idle sweep once every entry has died, so a quiet peer returns to paying nothing. Static methods over the
 * array instead of an object save a header and a pointer hop per peer. Recording, checking and consuming
 * allocate nothing. Each entry is two longs:
 * <ul>
 *   <li>the sender's 64-bit id hash ({@link #senderHash}, seeded per stripe so ids cannot be chosen to
 *       collide offline);</li>
 *   <li>{@code offerTag << 32 | expiresAtSeconds}: 32 bits of the offer_id's key and the clock second at
 *       which the entry dies. An empty or consumed entry is all zeros, which reads as long dead.</li>
 * </ul>
 *
 * <p>Bounds, and what happens at them:
 * <ul>
 *   <li>{@link #TTL_SECONDS} = 50: the JS client (bittorrent-tracker) destroys an unanswered offer after 50
 *       s, so an older entry can only ever be answered into the void; it is dead and its slot is reused.</li>
 *   <li>One entry per sender: a newer offer from the same sender replaces its older one (a later answer to
 *       the older offer is then refused). So a flooding sender holds one slot of each receiver at most.</li>
 *   <li>{@link #CAPACITY} = 8 distinct senders with live offers to one receiver: answers usually come within
 *       a second, so 8 offers in flight at once to one peer means it is not keeping up. When all 8 are live
 *       the receiver is skipped and the offer goes to another peer; no live entry is ever overwritten by
 *       another sender, so every recorded offer stays answerable.</li>
 * </ul>
 *
 * <p>Not thread-safe: guarded by the stripe lock of the receiver's swarm. The sender and the answerer are
 * members of the same swarm, so every access happens under that one lock.
 */
final class PendingOffers {

    /** Senders with a live offer to one receiver at most; 8 x 16 bytes plus a 16-byte header per array. */
    static final int CAPACITY = 8;
    /** Seconds an offer stays answerable: the JS client's own offer timeout. */
    static final int TTL_SECONDS = 50;

    private PendingOffers() {
    }

    static long[] allocate() {
        return new long[CAPACITY * 2];
    }

    /** The 64-bit identity of a peer id in these entries; {@code seed} is its stripe's secret. */
    static long senderHash(long high, long middle, int low, long seed) {
        long h = (high ^ seed) * 0x9E3779B97F4A7C15L;
        h = Long.rotateLeft(h, 31) ^ middle;
        h *= 0xC2B2AE3D27D4EB4FL;
        h = Long.rotateLeft(h, 27) ^ (low & 0xFFFFFFFFL);
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ h >>> 32;
    }

    /**
     * The slot an offer from {@code sender} should take: the sender's own live entry (a newer offer replaces
     * it), else the first dead slot, else -1 when {@link #CAPACITY} other senders are all live.
     */
    static int slotFor(long[] slots, long sender, int now) {
        int free = -1;
        for (int i = 0; i < slots.length; i += 2) {
            if (!isLive(slots, i, now)) {
                if (free < 0) {
                    free = i;
                }
            } else if (slots[i] == sender) {
                return i;
            }
        }
        return free;
    }

    /** Records an offer in a slot chosen by {@link #slotFor}. */
    static void put(long[] slots, int slot, long sender, long offerKey, int now) {
        slots[slot] = sender;
        slots[slot + 1] = (long) tag(offerKey) << 32 | (now + TTL_SECONDS) & 0xFFFFFFFFL;
    }

    /** True when {@code sender} has a live offer here: the owner of these entries must not offer to it. */
    static boolean hasLiveFrom(long[] slots, long sender, int now) {
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] == sender && isLive(slots, i, now)) {
                return true;
            }
        }
        return false;
    }

    /** Removes the live entry for {@code sender}'s offer {@code offerKey}; false when there is none. */
    static boolean consume(long[] slots, long sender, long offerKey, int now) {
        int tag = tag(offerKey);
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] == sender && (int) (slots[i + 1] >>> 32) == tag && isLive(slots, i, now)) {
                slots[i] = 0;
                slots[i + 1] = 0;
                return true;
            }
        }
        return false;
    }

    /** True while some entry is live; the sweep drops the array when none is. */
    static boolean anyLive(long[] slots, int now) {
        for (int i = 0; i < slots.length; i += 2) {
            if (isLive(slots, i, now)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLive(long[] slots, int i, int now) {
        // Wrap-safe comparison of clock seconds; an all-zero slot expired at second 0.
        return (int) slots[i + 1] - now > 0;
    }

    private static int tag(long offerKey) {
        return (int) (offerKey ^ offerKey >>> 32);
    }
}
