package org.signaltracker.bench.load;

import java.util.SplittableRandom;

/**
 * aquatic's load model: every connection announces to a torrent chosen by a Gamma distribution (a
 * quarter as completed seeders), with offers; it answers every offer relayed to it; and it counts every
 * message it receives. Closed loop: the next announce goes when the reply to the last one arrives.
 * Latency is announce → its response.
 */
final class AnnounceScenario implements Scenario {

    private final LoadConfig config;
    private final LoadMessages messages;
    private final LoadStats stats;
    private final boolean closedLoop;

    AnnounceScenario(LoadConfig config, LoadMessages messages, LoadStats stats) {
        this.config = config;
        this.messages = messages;
        this.stats = stats;
        this.closedLoop = config.ratePerSecond() == 0;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
        c.random = new SplittableRandom(config.seed() * 1_000_003L + c.index);
        c.gamma = new GammaSampler(config.gammaShape(), config.gammaScale(), c.random);
        if (closedLoop) {
            announce(c, nowNanos);
        }
    }

    private void announce(LoadConnection c, long intendedNanos) {
        if (!c.pushPending(intendedNanos)) {
            stats.skipped.increment();
            return; // too many replies outstanding: the tracker is saturated; skip rather than queue
        }
        String hash = LoadMessages.torrentHash(c.gamma.torrent(config.torrents()));
        boolean seeder = c.random.nextDouble() < config.seederShare();
        c.send(messages.announce(hash, c.peerId, seeder ? "completed" : "started", seeder ? 0 : 50,
                config.offersPerAnnounce(), c.peerId));
        stats.announceSent();
    }

    @Override
    public void received(LoadConnection c, String message, LoadMessages.Kind kind, long nowNanos) {
        stats.count(kind);
        if (kind == LoadMessages.Kind.RESPONSE || kind == LoadMessages.Kind.FAILURE) {
            long sentAt = c.popPending();
            if (sentAt >= 0) {
                stats.recordLatency((nowNanos - sentAt) / 1000);
            }
            if (closedLoop && c.isOpen()) {
                announce(c, nowNanos);
            }
        } else if (kind == LoadMessages.Kind.OFFER) {
            String hash = LoadMessages.field(message, "info_hash");
            String from = LoadMessages.field(message, "peer_id");
            String offerId = LoadMessages.field(message, "offer_id");
            if (hash != null && from != null && offerId != null) {
                c.send(messages.answer(hash, c.peerId, from, offerId));
                stats.sent.increment();
            }
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
