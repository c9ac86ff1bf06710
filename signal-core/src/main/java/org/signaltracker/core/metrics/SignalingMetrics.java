package org.signaltracker.core.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.signaltracker.core.error.SignalingError;

/**
 * Signaling counters shared by every event loop's dispatcher: messages, relays, room events and each error
 * sent, by its {@link SignalingError}. {@link LongAdder} keeps increments contention-free and allocation-free
 * on the relay path; readers sum them. Thread-safe.
 */
public final class SignalingMetrics {

    public final LongAdder messagesReceived = new LongAdder();
    /** Relays handed to the target's session, all dialects. */
    public final LongAdder relays = new LongAdder();
    /** Relays to a peer whose reliable queue refused them (it is closing): the sender got 2201. */
    public final LongAdder relaysRefused = new LongAdder();
    /** ROOM_MEMBERS, NEW_PEER_IN_ROOM, PEER_LEFT_ROOM and WELCOME sent. */
    public final LongAdder roomEvents = new LongAdder();
    public final LongAdder identified = new LongAdder();
    /** Connections closed for flooding (1008), invalid UTF-8 (1007) or not identifying in time (4003). */
    public final LongAdder closedForMisbehaviour = new LongAdder();

    private final LongAdder[] errors = new LongAdder[SignalingError.values().length];

    public SignalingMetrics() {
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    public void countError(SignalingError error) {
        errors[error.ordinal()].increment();
    }

    public long errors(SignalingError error) {
        return errors[error.ordinal()].sum();
    }
}
