package org.signaltracker.bench.load;

import org.HdrHistogram.Recorder;

/**
 * Counters of every message received, by kind, of what was sent, and of how replies were paired; and the
 * latency recorders. Shared by the generator's event loops; LongAdder and Recorder are safe for concurrent
 * writers. Latency is recorded in microseconds.
 */
final class LoadStats {

    /** Everything counted; {@link #snapshot} reads them all at once, indexed by ordinal. */
    enum Count {
        /** Every message sent: announces and answers. */
        SENT,
        /** Announces sent (joins, offers and plain announces). */
        ANNOUNCES_SENT,
        RESPONSES, OFFERS, ANSWERS, SCRAPES, FAILURES,
        /** Signaling: AUTH_SUCCESS, relayed messages (ICE_CANDIDATE, SDP_*), ROOM_MEMBERS, other room events. */
        AUTHENTICATED, RELAYED, ROOM_MEMBERS, ROOM_EVENTS,
        OTHER,
        /** Relay: offer → answer round trips completed; signal: candidate A → B → A round trips. */
        ROUND_TRIPS,
        /** Requests not sent because {@link AnnouncePairing#MAX_PENDING} replies were outstanding. */
        SKIPPED,
        /** Open loop: sends that came due on the schedule (sent or skipped). */
        TICKS,
        /** Requests whose reply is awaited (announce: announces; relay: offers) ... */
        REQUESTS,
        /** ... and those settled: paired with their reply, or refused unseen. */
        SETTLED,
        /** Failures paired with an announce (their latency is recorded like a response's). */
        ANNOUNCE_FAILURES,
        /** Failures that can only have been drawn by one of the generator's answers. */
        ANSWER_FAILURES,
        /** Failures that could be an announce's or an answer's: not paired with anything. */
        UNATTRIBUTED_FAILURES,
        /** Announces a fence settled without identifying their reply (one of the unattributed failures). */
        UNPAIRED_ANNOUNCES,
        /** Responses that matched no pending announce. */
        UNMATCHED_RESPONSES,
        /** Pings sent to settle a doubt (see {@link AnnouncePairing}). */
        FENCE_PINGS,
        /** Signal: relayed messages stamped with a fromPeerId other than the partner's. */
        WRONG_SENDER,
        /** Idle: connections whose one announce got its response. */
        ANNOUNCED_CONNECTIONS,
        /** Churn: newcomers that took the place of a client that left. */
        ARRIVALS,
        /** Churn: how clients left: WebSocket close, TCP FIN without one, TCP reset, going silent. */
        LEFT_CLOSE, LEFT_FIN, LEFT_RESET, LEFT_SILENT,
        /** Churn: silent clients the tracker closed; and those still open when the generator stopped waiting. */
        SILENT_CLOSED_BY_SERVER, SILENT_NOT_CLOSED,
        /** Churn: clients closed during their life, not by their own choice (the tracker or the network). */
        LOST,
        CONNECTED, DISCONNECTED, CONNECT_FAILURES,
        /** Connections closed by the generator on an exception. */
        ERRORS
    }

    /**
     * Largest latency recorded, in microseconds (one hour; larger values are recorded as this). A fixed
     * range, because an auto-resizing recorder starts small again after every interval and grows by
     * catching an exception per resize, a cost the profile showed on the event loops.
     */
    static final long MAX_MICROS = 3_600_000_000L;

    private final EnumCounts<Count> counts = new EnumCounts<>(Count.class);
    final Recorder latencyMicros = new Recorder(1, MAX_MICROS, 3);
    /** Signal: JOIN_ROOM sent → ROOM_MEMBERS received, in microseconds, over the whole run (joins go at start). */
    final Recorder joinMicros = new Recorder(1, MAX_MICROS, 3);
    /** Open loop: how late the generator got to each scheduled send, in microseconds. */
    final Recorder sendLagMicros = new Recorder(1, MAX_MICROS, 3);
    /**
     * Closed loop: the interval at which each connection is expected to send, in microseconds; 0 until the
     * warm-up has measured it. A reply that takes k times longer stands for the k - 1 requests the stall
     * kept the connection from sending, which recordValueWithExpectedInterval adds back.
     */
    private volatile long expectedIntervalMicros;

    void add(Count count) {
        counts.add(count);
    }

    void add(Count count, long n) {
        counts.add(count, n);
    }

    long sum(Count count) {
        return counts.sum(count);
    }

    void count(ReceivedMessage.Kind kind) {
        add(switch (kind) {
            case RESPONSE -> Count.RESPONSES;
            case OFFER -> Count.OFFERS;
            case ANSWER -> Count.ANSWERS;
            case SCRAPE -> Count.SCRAPES;
            case FAILURE -> Count.FAILURES;
            case AUTHENTICATED -> Count.AUTHENTICATED;
            case RELAYED -> Count.RELAYED;
            case ROOM_MEMBERS -> Count.ROOM_MEMBERS;
            case ROOM_EVENT -> Count.ROOM_EVENTS;
            case OTHER -> Count.OTHER;
        });
    }

    /** One announce sent (answers count only in {@link Count#SENT}). */
    void announceSent() {
        add(Count.SENT);
        add(Count.ANNOUNCES_SENT);
    }

    /** Records one latency: corrected for coordinated omission in a closed loop once the interval is known. */
    void recordLatency(long micros) {
        long value = Math.min(Math.max(0, micros), MAX_MICROS);
        long expected = expectedIntervalMicros;
        if (expected > 0) {
            latencyMicros.recordValueWithExpectedInterval(value, expected);
        } else {
            latencyMicros.recordValue(value);
        }
    }

    void recordSendLag(long micros) {
        sendLagMicros.recordValue(Math.min(Math.max(0, micros), MAX_MICROS));
    }

    /** Closed loop: sets the expected interval between a connection's requests (its mean reply time). */
    void expectInterval(long micros) {
        expectedIntervalMicros = Math.max(1, micros);
    }

    long expectedIntervalMicros() {
        return expectedIntervalMicros;
    }

    long received() {
        long total = 0;
        for (Count count : RECEIVED) {
            total += sum(count);
        }
        return total;
    }

    /** Every count of a received message, one per {@link ReceivedMessage.Kind}. */
    static final Count[] RECEIVED = {Count.RESPONSES, Count.OFFERS, Count.ANSWERS, Count.SCRAPES, Count.FAILURES,
        Count.AUTHENTICATED, Count.RELAYED, Count.ROOM_MEMBERS, Count.ROOM_EVENTS, Count.OTHER};

    /** Signal: one join's time, JOIN_ROOM → ROOM_MEMBERS (never corrected: a join is sent once). */
    void recordJoin(long micros) {
        joinMicros.recordValue(Math.min(Math.max(0, micros), MAX_MICROS));
    }

    /** Every counter now, indexed by {@link Count#ordinal()}, to subtract the warm-up from the measured totals. */
    long[] snapshot() {
        return counts.snapshot();
    }
}
