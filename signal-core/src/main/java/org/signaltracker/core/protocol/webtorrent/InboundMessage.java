package org.signaltracker.core.protocol.webtorrent;

import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.AnnounceRequest;

/**
 * One decoded client message. Ids are decoded to bytes; everything relayed verbatim (the {@code offer} and
 * {@code answer} objects, {@code offer_id}, and the id tokens echoed back) is kept as a byte range of the
 * input buffer, so relaying never builds a Java string.
 *
 * <p>Mutable and reused: one instance per event loop is refilled for every message, so decoding allocates
 * nothing. Valid only until the next decode into it and while the input buffer is unchanged. Not
 * thread-safe.
 */
public final class InboundMessage {

    /** The longest offer_id accepted; libtorrent once sent 16 characters, browsers send 20. */
    static final int MAX_OFFER_ID_CHARS = 64;

    public MessageKind kind;
    /** Set when the message was refused; the other fields say what was understood before that. */
    public TrackerError error;
    /** True when the failure should say {@code "action":"scrape"} (the client asked for a scrape). */
    public boolean scrapeAction;

    byte[] buffer;

    /** Raw token of a valid string {@code info_hash}, for echoing; start &lt; 0 when absent or invalid. */
    int infoHashStart = -1;
    int infoHashEnd;
    int peerIdStart = -1;
    int peerIdEnd;

    public final AnnounceRequest announce = new AnnounceRequest();

    // Offers: byte ranges of each well-formed entry's offer object and offer_id token, in order.
    final int[] offerStart;
    final int[] offerEnd;
    final int[] offerIdStart;
    final int[] offerIdEnd;
    /** Well-formed offers seen, including those past the storage limit. */
    int validOffers;
    /** Entries of {@code offers} that were skipped as malformed. */
    public int junkOffers;

    // Answer.
    public final byte[] toPeerId = new byte[20];
    int answerStart = -1;
    int answerEnd;
    int offerIdTokenStart = -1;
    int offerIdTokenEnd;
    /** The answered offer_id's key ({@link AnnounceRequest#offerKey}), valid for an answer. */
    public long answerOfferKey;

    // Scrape.
    final byte[][] scrapeHashes;
    final int[] scrapeTokenStart;
    final int[] scrapeTokenEnd;
    public int scrapeCount;

    InboundMessage(int maxOffers, int maxScrapeHashes) {
        offerStart = new int[maxOffers];
        offerEnd = new int[maxOffers];
        offerIdStart = new int[maxOffers];
        offerIdEnd = new int[maxOffers];
        scrapeHashes = new byte[maxScrapeHashes][20];
        scrapeTokenStart = new int[maxScrapeHashes];
        scrapeTokenEnd = new int[maxScrapeHashes];
    }

    void reset(byte[] input) {
        buffer = input;
        kind = null;
        error = null;
        scrapeAction = false;
        infoHashStart = -1;
        peerIdStart = -1;
        announce.reset();
        validOffers = 0;
        junkOffers = 0;
        answerStart = -1;
        offerIdTokenStart = -1;
        answerOfferKey = 0;
        scrapeCount = 0;
    }

    /** Offers stored for relaying: the smaller of the well-formed offers and the storage limit. */
    public int storedOffers() {
        return Math.min(validOffers, offerStart.length);
    }

    public boolean hasInfoHash() {
        return infoHashStart >= 0;
    }
}
