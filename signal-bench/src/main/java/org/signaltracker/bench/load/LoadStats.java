package org.signaltracker.bench.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Counters of every message received, by kind, and the latency recorder. Shared by the generator's event
 * loops; LongAdder and Recorder are safe for concurrent writers. Latency is recorded in microseconds.
 */
final class LoadStats {

    final LongAdder sent = new LongAdder();
    final LongAdder responses = new LongAdder();
    final LongAdder offers = new LongAdder();
    final LongAdder answers = new LongAdder();
    final LongAdder scrapes = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder other = new LongAdder();
    final LongAdder roundTrips = new LongAdder();
    final LongAdder connected = new LongAdder();
    final LongAdder disconnected = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder announcesSent = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final Recorder latencyMicros = new Recorder(3);
    /**
     * Closed loop: the interval at which each connection is expected to send, in microseconds; 0 until the
     * warm-up has measured it. A reply that takes k times longer stands for the k - 1 requests the stall
     * kept the connection from sending, which recordValueWithExpectedInterval adds back.
     */
    private volatile long expectedIntervalMicros;

    void count(LoadMessages.Kind kind) {
        switch (kind) {
            case RESPONSE -> responses.increment();
            case OFFER -> offers.increment();
            case ANSWER -> answers.increment();
            case SCRAPE -> scrapes.increment();
            case FAILURE -> failures.increment();
            default -> other.increment();
        }
    }

    /** One announce sent (answers count only in {@link #sent}). */
    void announceSent() {
        sent.increment();
        announcesSent.increment();
    }

    /** Records one latency: corrected for coordinated omission in a closed loop once the interval is known. */
    void recordLatency(long micros) {
        long value = Math.max(0, micros);
        long expected = expectedIntervalMicros;
        if (expected > 0) {
            latencyMicros.recordValueWithExpectedInterval(value, expected);
        } else {
            latencyMicros.recordValue(value);
        }
    }

    /** Closed loop: sets the expected interval between a connection's requests (its mean reply time). */
    void expectInterval(long micros) {
        expectedIntervalMicros = Math.max(1, micros);
    }

    long expectedIntervalMicros() {
        return expectedIntervalMicros;
    }

    long received() {
        return responses.sum() + offers.sum() + answers.sum() + scrapes.sum() + failures.sum() + other.sum();
    }

    /** A snapshot of the counters, to subtract the warm-up from the measured totals. */
    long[] snapshot() {
        return new long[] {sent.sum(), responses.sum(), offers.sum(), answers.sum(), scrapes.sum(),
            failures.sum(), other.sum(), roundTrips.sum(), skipped.sum(), announcesSent.sum()};
    }
}
