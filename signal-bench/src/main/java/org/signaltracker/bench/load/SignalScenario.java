package org.signaltracker.bench.load;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * The native {@code /ws} signaling load: every connection identifies with a unique username; the first
 * {@code roomShare} of them also join a room of {@code roomSize} members (rooms filled in order; the time
 * JOIN_ROOM → ROOM_MEMBERS is reported apart); and pairs relay ICE candidates. The odd connection of a pair
 * (the initiator) sends a candidate to its partner once both are identified; the partner replies with a
 * candidate to the {@code fromPeerId} the server stamped; the reply's arrival is one round trip, its time
 * the latency, and in a closed loop the next candidate goes at once (the relay scenario's offer → answer,
 * on {@code /ws}). Any ERROR or AUTH_ERROR counts as a failure; a reply stamped with anyone but the partner
 * counts apart, as wrong sender.
 *
 * <p>Callbacks run on the event loop of the connection they name; the pair's meeting point (both
 * identified) is an atomic counter per pair, because the two may live on different loops.
 */
final class SignalScenario implements Scenario {

    private final SignalMessages messages;
    private final LoadStats stats;
    private final boolean closedLoop;
    private final int joiners;
    private final int roomSize;
    /** Per pair: how many of its two connections are identified; the one that makes it 2 starts the pair. */
    private final AtomicIntegerArray identifiedPerPair;
    /** Per pair: the initiator, published when its handshake completes. */
    private final AtomicReferenceArray<LoadConnection> initiators;

    SignalScenario(LoadConfig config, SignalMessages messages, LoadStats stats) {
        this.messages = messages;
        this.stats = stats;
        this.closedLoop = config.ratePerSecond() == 0;
        this.joiners = (int) Math.round(config.roomShare() * config.connections());
        this.roomSize = config.roomSize();
        int pairs = config.connections() / 2;
        this.identifiedPerPair = new AtomicIntegerArray(pairs);
        this.initiators = new AtomicReferenceArray<>(pairs);
    }

    private static boolean isInitiator(LoadConnection c) {
        return c.index % 2 == 1;
    }

    /** The connection's pair, or -1 for the last one of an odd count, which has no partner. */
    private int pair(LoadConnection c) {
        int pair = c.index / 2;
        return pair < identifiedPerPair.length() ? pair : -1;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
        c.username = messages.username(c.index);
        if (pair(c) >= 0) {
            c.partnerName = messages.username(c.index ^ 1);
            if (isInitiator(c)) {
                initiators.set(pair(c), c);
            }
        }
    }

    @Override
    public void start(LoadConnection c, long nowNanos) {
        ClientFrame frame = LoopBuffers.current().frame;
        messages.identify(frame, c.username);
        c.send(frame);
        stats.add(Count.SENT);
    }

    @Override
    public void received(LoadConnection c, ReceivedMessage m, long nowNanos) {
        stats.count(m.kind());
        switch (m.kind()) {
            case AUTHENTICATED -> identified(c, nowNanos);
            case ROOM_MEMBERS -> {
                if (c.joinSentNanos >= 0) {
                    stats.recordJoin((nowNanos - c.joinSentNanos) / 1000);
                    c.joinSentNanos = -1;
                }
            }
            case RELAYED -> relayed(c, m, nowNanos);
            case FAILURE -> failed(c, nowNanos);
            default -> {
                // room events (others joining) are only counted
            }
        }
    }

    private void identified(LoadConnection c, long nowNanos) {
        if (c.identified) {
            return;
        }
        c.identified = true;
        if (c.index < joiners) {
            // Sent before any candidate of this connection, so the server's reply to it comes first.
            ClientFrame frame = LoopBuffers.current().frame;
            messages.joinRoom(frame, c.index / roomSize);
            c.joinSentNanos = nowNanos;
            c.send(frame);
            stats.add(Count.SENT);
        }
        int pair = pair(c);
        if (pair >= 0 && identifiedPerPair.incrementAndGet(pair) == 2) {
            LoadConnection initiator = initiators.get(pair);
            if (initiator != null) {
                initiator.channel.eventLoop().execute(() -> {
                    initiator.started = true;
                    if (closedLoop && initiator.isOpen()) {
                        candidate(initiator, System.nanoTime());
                    }
                });
            }
        }
    }

    private void relayed(LoadConnection c, ReceivedMessage m, long nowNanos) {
        if (c.partnerName == null) {
            return;
        }
        if (!m.fromPeerIdIs(c.partnerName)) {
            stats.add(Count.WRONG_SENDER);
            return;
        }
        if (!isInitiator(c)) {
            ClientFrame frame = LoopBuffers.current().frame;
            messages.reply(frame, m);
            c.send(frame);
            stats.add(Count.SENT);
            return;
        }
        long sentAt = c.sendTimes.pop();
        if (sentAt >= 0) {
            stats.recordLatency((nowNanos - sentAt) / 1000);
            stats.add(Count.ROUND_TRIPS);
            stats.add(Count.SETTLED);
        }
        if (closedLoop) {
            candidate(c, nowNanos);
        }
    }

    /**
     * An ERROR answers the oldest message still waiting on this connection: the join when one is waiting
     * (it went before any candidate), else the initiator's oldest candidate, which then never comes back:
     * settle it, and in a closed loop send the next so the pair does not stall.
     */
    private void failed(LoadConnection c, long nowNanos) {
        if (c.joinSentNanos >= 0) {
            c.joinSentNanos = -1;
            return;
        }
        if (isInitiator(c) && c.started && c.sendTimes.pop() >= 0) {
            stats.add(Count.SETTLED);
            if (closedLoop && c.isOpen()) {
                candidate(c, nowNanos);
            }
        }
    }

    private void candidate(LoadConnection c, long intendedNanos) {
        if (!c.sendTimes.push(intendedNanos)) {
            stats.add(Count.SKIPPED);
            return;
        }
        ClientFrame frame = LoopBuffers.current().frame;
        messages.candidate(frame, c.partnerName);
        c.send(frame);
        stats.add(Count.SENT);
        stats.add(Count.REQUESTS);
    }

    @Override
    public void tick(LoadConnection c, long intendedNanos) {
        if (isInitiator(c) && c.started) {
            candidate(c, intendedNanos);
        }
    }

    /** Only initiators send on a schedule; their partners only reply. */
    @Override
    public boolean ticks(LoadConnection c) {
        return isInitiator(c);
    }

    @Override
    public boolean sendsRequests() {
        return true;
    }
}
