package org.signaltracker.bench.load;

import java.util.SplittableRandom;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * aquatic's load model: every connection announces to a torrent chosen by a Gamma distribution (a
 * quarter as completed seeders), with offers; it answers every offer relayed to it; and it counts every
 * message it receives. Closed loop: the next announce goes when the reply to the last one arrives.
 * Latency is announce → its reply, paired by {@link AnnouncePairing} (a failure only when it can be
 * attributed to the announce; the others are counted apart).
 */
final class AnnounceScenario implements Scenario {

    private final LoadConfig config;
    private final OutboundMessages messages;
    private final LoadStats stats;
    private final boolean closedLoop;

    AnnounceScenario(LoadConfig config, OutboundMessages messages, LoadStats stats) {
        this.config = config;
        this.messages = messages;
        this.stats = stats;
        this.closedLoop = config.ratePerSecond() == 0;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
        c.random = new SplittableRandom(config.seed() * 1_000_003L + c.index);
        c.gamma = new GammaSampler(config.gammaShape(), config.gammaScale(), c.random);
        c.pairing = new AnnouncePairing();
    }

    @Override
    public void start(LoadConnection c, long nowNanos) {
        if (closedLoop) {
            announce(c, nowNanos);
        }
    }

    private void announce(LoadConnection c, long intendedNanos) {
        int torrent = c.gamma.torrent(config.torrents());
        if (!c.pairing.announceSent(intendedNanos, torrent)) {
            stats.add(Count.SKIPPED);
            return; // too many replies outstanding: the tracker is saturated; skip rather than queue
        }
        boolean seeder = c.random.nextDouble() < config.seederShare();
        ClientFrame frame = LoopBuffers.current().frame;
        messages.announce(frame, OutboundMessages.TORRENT_PREFIX, torrent, c.peerId,
                seeder ? OutboundMessages.Event.COMPLETED : OutboundMessages.Event.STARTED, seeder ? 0 : 50,
                config.offersPerAnnounce(), c.announces++);
        c.send(frame);
        stats.announceSent();
        stats.add(Count.REQUESTS);
    }

    @Override
    public void received(LoadConnection c, ReceivedMessage m, long nowNanos) {
        stats.count(m.kind());
        switch (m.kind()) {
            case RESPONSE -> {
                if (c.pairing.response(m.torrentNumber(OutboundMessages.TORRENT_PREFIX))) {
                    stats.recordLatency((nowNanos - c.pairing.lastSentNanos()) / 1000);
                    settled(c, 1, nowNanos);
                } else {
                    stats.add(Count.UNMATCHED_RESPONSES);
                    fenceIfInDoubt(c);
                }
            }
            case FAILURE -> failure(c, m, nowNanos);
            case OFFER -> {
                if (OutboundMessages.answerable(m)) {
                    c.pairing.answerSent(m.torrentNumber(OutboundMessages.TORRENT_PREFIX));
                    ClientFrame frame = LoopBuffers.current().frame;
                    messages.answer(frame, m, c.peerId);
                    c.send(frame);
                    stats.add(Count.SENT);
                }
            }
            default -> {
                // relayed answers, scrapes and others are only counted
            }
        }
    }

    private void failure(LoadConnection c, ReceivedMessage m, long nowNanos) {
        switch (c.pairing.failure(m.torrentNumber(OutboundMessages.TORRENT_PREFIX))) {
            case ANNOUNCE -> {
                stats.add(Count.ANNOUNCE_FAILURES);
                stats.recordLatency((nowNanos - c.pairing.lastSentNanos()) / 1000);
                settled(c, 1, nowNanos);
            }
            case ANSWER -> stats.add(Count.ANSWER_FAILURES);
            case UNATTRIBUTED -> {
                stats.add(Count.UNATTRIBUTED_FAILURES);
                fenceIfInDoubt(c);
            }
        }
    }

    /**
     * Only a fence tells whether the pending announce was the message refused; without one a closed-loop
     * connection could wait forever for a reply that already came. At most one ping is outstanding.
     */
    private void fenceIfInDoubt(LoadConnection c) {
        if (c.pairing.wantsFence() && c.isOpen()) {
            c.ping(c.pairing.pingSent());
            stats.add(Count.FENCE_PINGS);
        }
    }

    @Override
    public void ponged(LoadConnection c, long payload, long nowNanos) {
        if (c.pairing != null && c.pairing.pong(payload)) {
            settled(c, 0, nowNanos);
        }
    }

    /**
     * {@code paired} announces (0 or 1) got their reply identified, and {@link AnnouncePairing#unpaired()}
     * more were settled without: count both, and keep a closed loop going.
     */
    private void settled(LoadConnection c, int paired, long nowNanos) {
        int unpaired = c.pairing.unpaired();
        stats.add(Count.SETTLED, paired + unpaired);
        if (unpaired > 0) {
            stats.add(Count.UNPAIRED_ANNOUNCES, unpaired);
        }
        if (closedLoop && c.pairing.pending() == 0 && c.isOpen()) {
            announce(c, nowNanos);
        }
    }

    @Override
    public void tick(LoadConnection c, long intendedNanos) {
        announce(c, intendedNanos);
    }

    @Override
    public boolean sendsRequests() {
        return true;
    }
}
