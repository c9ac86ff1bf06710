package org.signaltracker.netty.http;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the plain-HTTP side did, for operators and tests: counted instead of logged, because under attack
 * a line per event would drown the log. Shared by every connection; thread-safe ({@link LongAdder}s).
 */
public final class HttpCounters {

    /**
     * Requests answered with a response of their own (health, 400, 405, 503, ...): not upgrades, and not the
     * HTTP tracker's answers, which TrackerMetrics counts.
     */
    final LongAdder responses = new LongAdder();
    /** Responses written to the connection but not yet taken by the socket: their client is not reading. */
    final LongAdder responsesAwaitingClient = new LongAdder();
    /** Upgrades refused by the {@link UpgradeAdmission}. */
    final LongAdder upgradesRefused = new LongAdder();
    /** Clients that closed mid-request, reset the connection or sent what the decoder rejects. */
    final LongAdder routineClientErrors = new LongAdder();
    /** Anything else that reached the HTTP stage; each is also logged, throttled. */
    final LongAdder unexpectedErrors = new LongAdder();

    public long responses() {
        return responses.sum();
    }

    public long responsesAwaitingClient() {
        return responsesAwaitingClient.sum();
    }

    public long upgradesRefused() {
        return upgradesRefused.sum();
    }

    public long routineClientErrors() {
        return routineClientErrors.sum();
    }

    public long unexpectedErrors() {
        return unexpectedErrors.sum();
    }
}
