package org.signaltracker.bench.load;

import java.util.SplittableRandom;

/**
 * Connections that announce once (started, no offers) to a Gamma-chosen torrent and then stay open and
 * silent, answering only the server's pings: the memory cost of a large idle population.
 */
final class IdleScenario implements Scenario {

    private final LoadConfig config;
    private final LoadMessages messages;
    private final LoadStats stats;

    IdleScenario(LoadConfig config, LoadMessages messages, LoadStats stats) {
        this.config = config;
        this.messages = messages;
        this.stats = stats;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
        SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + c.index);
        String hash = LoadMessages.torrentHash(
                new GammaSampler(config.gammaShape(), config.gammaScale(), random).torrent(config.torrents()));
        c.pushPending(nowNanos);
        c.send(messages.announce(hash, c.peerId, "started", 50, 0, c.peerId));
        stats.announceSent();
    }

    @Override
    public void received(LoadConnection c, String message, LoadMessages.Kind kind, long nowNanos) {
        stats.count(kind);
        long sentAt = c.popPending();
        if (sentAt >= 0) {
            stats.recordLatency((nowNanos - sentAt) / 1000);
        }
    }

    @Override
    public void tick(LoadConnection c, long intendedNanos) {
    }

    @Override
    public boolean sendsRequests() {
        return false;
    }
}
