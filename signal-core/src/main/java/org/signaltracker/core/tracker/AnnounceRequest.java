package org.signaltracker.core.tracker;

/**
 * One announce as the core sees it: ids as raw 20-byte values, the event, {@code left} and the number of
 * offers the client carried.
 *
 * <p>Mutable and reused: one instance per event loop is filled by the decoder for every message, so the
 * announce path allocates nothing. Not thread-safe; confined to the thread that filled it.
 */
public final class AnnounceRequest {

    /** {@link #left} when the client sent none or {@code null}: never changes seeder status. */
    public static final long LEFT_UNKNOWN = -1L;
    /** {@link #numWant} when the client sent none. */
    public static final int NUMWANT_ABSENT = -1;

    public final byte[] infoHash = new byte[20];
    public final byte[] peerId = new byte[20];
    public AnnounceEvent event = AnnounceEvent.UPDATE;
    public long left = LEFT_UNKNOWN;
    public int numWant = NUMWANT_ABSENT;
    /** How many well-formed offers the message carried (junk entries are not counted). */
    public int offerCount;

    public void reset() {
        event = AnnounceEvent.UPDATE;
        left = LEFT_UNKNOWN;
        numWant = NUMWANT_ABSENT;
        offerCount = 0;
    }
}
