package org.signaltracker.core.tracker;

/**
 * One announce as the core sees it: ids as raw 20-byte values, the event, {@code left}, the number of
 * offers the client carried and the key of each offer's {@code offer_id} ({@link #offerKey}).
 *
 * <p>Mutable and reused: one instance per event loop is filled by the decoder for every message, so the
 * announce path allocates nothing. Not thread-safe; confined to the thread that filled it.
 */
public final class AnnounceRequest {

    /** {@link #left} when the client sent none or {@code null}: never changes seeder status. */
    public static final long LEFT_UNKNOWN = -1L;
    /** {@link #numWant} when the client sent none. */
    public static final int NUMWANT_ABSENT = -1;
    /** Offers one request can describe: the top of {@code tracker.maxOffersPerAnnounce}'s range. */
    public static final int MAX_OFFERS = 100;

    public final byte[] infoHash = new byte[20];
    public final byte[] peerId = new byte[20];
    public AnnounceEvent event = AnnounceEvent.UPDATE;
    public long left = LEFT_UNKNOWN;
    public int numWant = NUMWANT_ABSENT;
    /** How many well-formed offers the message carried (junk entries are not counted). */
    public int offerCount;
    /** {@link #offerKey} of offer {@code i}'s offer_id, for the first {@link #offerCount} offers. */
    public final long[] offerKeys = new long[MAX_OFFERS];

    /**
     * The key the core tracks an offer_id by: a 64-bit hash of its characters (one byte each, as decoded),
     * so two spellings of the same id in JSON give the same key and no string is kept.
     */
    public static long offerKey(byte[] chars, int length) {
        long h = 0xCBF29CE484222325L ^ length;
        for (int i = 0; i < length; i++) {
            h = (h ^ (chars[i] & 0xFF)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ h >>> 33;
    }

    public void reset() {
        event = AnnounceEvent.UPDATE;
        left = LEFT_UNKNOWN;
        numWant = NUMWANT_ABSENT;
        offerCount = 0;
    }
}
