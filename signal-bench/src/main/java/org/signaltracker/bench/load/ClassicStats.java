package org.signaltracker.bench.load;

import org.HdrHistogram.Recorder;

/**
 * What the classic scenarios count, and their latency (request sent → reply read, microseconds, every kind
 * of request alike). Shared by the generator's event loops; EnumCounts (LongAdders) and Recorder take concurrent writers.
 */
final class ClassicStats {

    enum Count {
        /** Requests sent, by kind. */
        SENT_CONNECTS, SENT_ANNOUNCES, SENT_SCRAPES,
        /** Good replies, by kind. */
        CONNECTED, ANNOUNCED, SCRAPED,
        /** Refusals: a UDP error packet (action 3), an HTTP {@code failure reason}. */
        REFUSED,
        /** Requests given up after the timeout without a reply. */
        TIMEOUTS,
        /** UDP replies that matched no request in flight (late after a timeout, or unknown). */
        UNMATCHED,
        /** Replies that did not parse as what was asked (wrong action or length, bad HTTP). */
        MALFORMED,
        /** Peers in announce replies (to tell that swarms and numwant work). */
        PEERS_RETURNED,
        /** Socket errors (UDP: ICMP port unreachable and the like; HTTP: resets, refused connects). */
        SOCKET_ERRORS,
        /** HTTP: TCP connections opened. */
        TCP_CONNECTS,
        /** HTTP: connections the server closed before the answer was complete. */
        CLOSED_EARLY,
        /**
         * http-keepalive: connections the server closed after a complete answer, announced by the answer or
         * found by the next request (opentracker closes after every answer without saying so).
         */
        CLOSED_AFTER_ANSWER,
        /** http-keepalive: requests sent again on a new connection after meeting such a closed one. */
        RETRIES
    }

    private final EnumCounts<Count> counts = new EnumCounts<>(Count.class);
    final Recorder latencyMicros = new Recorder(1, LoadStats.MAX_MICROS, 3);
    /** Unused (no open loop here), for {@link IntervalLog}. */
    final Recorder sendLagMicros = new Recorder(1, LoadStats.MAX_MICROS, 3);

    void add(Count count) {
        counts.add(count);
    }

    void add(Count count, long n) {
        counts.add(count, n);
    }

    long sum(Count count) {
        return counts.sum(count);
    }

    void recordLatency(long nanos) {
        latencyMicros.recordValue(Math.min(Math.max(0, nanos / 1000), LoadStats.MAX_MICROS));
    }

    long[] snapshot() {
        return counts.snapshot();
    }
}
