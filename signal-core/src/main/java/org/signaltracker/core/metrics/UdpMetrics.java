package org.signaltracker.core.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.signaltracker.core.error.TrackerError;

/**
 * Counters of the UDP tracker (BEP 15), shared by every event loop's dispatcher: datagrams in, replies
 * out, requests by action, error replies by error and datagrams dropped without a reply by reason.
 * {@link LongAdder}s keep the per-packet increments contention-free; readers sum them. Thread-safe.
 */
public final class UdpMetrics {

    /** Why a datagram got no reply at all. */
    public enum Drop {
        /** Under 16 bytes: no complete transaction id to echo. */
        SHORT,
        /** A connect whose first 8 bytes are not the protocol id: not a BEP 15 client. */
        BAD_PROTOCOL_ID,
        /**
         * An action other than announce or scrape with an invalid connection id: never answered, so that
         * a reply (ours or another tracker's, whose action field holds other data) cannot start a loop.
         */
        UNVERIFIED_OTHER_ACTION,
        /** The reply would have been longer than {@code AmplificationBound} allows for this request. */
        AMPLIFICATION_BOUND,
        /** The source address is in access.bannedRanges or the ban file. */
        BANNED,
        /** A reply built but not sent: the socket's send queue was over its high water mark. */
        SEND_QUEUE_FULL
    }

    public final LongAdder packetsReceived = new LongAdder();
    /** Replies built for sending (those then refused by a full send queue are also in SEND_QUEUE_FULL). */
    public final LongAdder repliesSent = new LongAdder();
    public final LongAdder connects = new LongAdder();
    public final LongAdder announces = new LongAdder();
    public final LongAdder scrapes = new LongAdder();
    private final LongAdder[] errors = new LongAdder[TrackerError.values().length];
    private final LongAdder[] drops = new LongAdder[Drop.values().length];

    public UdpMetrics() {
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    public void countError(TrackerError error) {
        errors[error.ordinal()].increment();
    }

    public long errors(TrackerError error) {
        return errors[error.ordinal()].sum();
    }

    public void countDrop(Drop reason) {
        drops[reason.ordinal()].increment();
    }

    public long drops(Drop reason) {
        return drops[reason.ordinal()].sum();
    }
}
