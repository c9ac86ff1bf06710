package org.signaltracker.core.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.protocol.signaling.SignalingType;

/**
 * Signaling counters shared by every event loop's dispatcher: messages, relays, room events and each error
 * sent, by its {@link SignalingError}. {@link LongAdder} keeps increments contention-free and allocation-free
 * on the relay path; readers sum them. Thread-safe.
 */
public final class SignalingMetrics {

    public final LongAdder messagesReceived = new LongAdder();
    /** Messages of the /v1 dialect (whose types are the application's own, so not counted by type). */
    public final LongAdder v1Messages = new LongAdder();
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
    /** Decoded /ws and /ws/{roomId} messages by their known inbound type. */
    private final LongAdder[] received = new LongAdder[SignalingType.values().length];

    public SignalingMetrics() {
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
        for (int i = 0; i < received.length; i++) {
            received[i] = new LongAdder();
        }
    }

    public void countReceived(SignalingType type) {
        received[type.ordinal()].increment();
    }

    public long received(SignalingType type) {
        return received[type.ordinal()].sum();
    }

    public void countError(SignalingError error) {
        errors[error.ordinal()].increment();
    }

    public long errors(SignalingError error) {
        return errors[error.ordinal()].sum();
    }
}
