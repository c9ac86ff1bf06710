package org.signaltracker.core.tracker;

import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.Clock;

/**
 * The swarm store: per-info-hash swarms of seeders and leechers, spread over lock stripes.
 *
 * <p>Thread-safe, lock-striped: every operation on one info hash takes that hash's stripe lock and never a
 * global one. Nothing here writes to a network: callers get the chosen receivers back and send after the
 * lock is released.
 */
public final class TrackerCore {

    public TrackerCore(TrackerConfig tracker, LimitsConfig limits, Clock clock, TrackerMetrics metrics) {
        throw new UnsupportedOperationException("being written");
    }

    /** Registers a new connection; call {@link #close} when it goes away. */
    public TrackerConnection openConnection(PeerSession session) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Applies one announce and chooses the receivers of its offers ({@code min(numWant if given,
     * offerCount, maxOffersPerAnnounce, other peers)}). Fills {@code out}, which the caller has reset.
     */
    public void announce(TrackerConnection from, AnnounceRequest request, AnnounceOutcome out) {
        throw new UnsupportedOperationException("being written");
    }

    /** Finds the receiver of an answer from {@code fromPeerId} to {@code toPeerId} in one swarm. */
    public void routeAnswer(TrackerConnection from, byte[] infoHash, byte[] fromPeerId, byte[] toPeerId,
            AnswerRoute out) {
        throw new UnsupportedOperationException("being written");
    }

    /** Counts of one swarm; zeros when it does not exist. */
    public void scrape(byte[] infoHash, ScrapeCounts out) {
        throw new UnsupportedOperationException("being written");
    }

    /** Removes every membership the connection registered and marks it closed. Idempotent. */
    public void close(TrackerConnection connection) {
        throw new UnsupportedOperationException("being written");
    }

    /** Evicts idle peers of the next stripe in turn; returns how many were evicted. */
    public int sweepNextStripe() {
        throw new UnsupportedOperationException("being written");
    }

    public int stripeCount() {
        throw new UnsupportedOperationException("being written");
    }

    public int swarmCount() {
        throw new UnsupportedOperationException("being written");
    }

    public long peerCount() {
        throw new UnsupportedOperationException("being written");
    }
}
