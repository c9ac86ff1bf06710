package org.signaltracker.bench.load;

import java.util.SplittableRandom;

/**
 * Connections that announce once (started, no offers) to a Gamma-chosen torrent and then stay open and
 * silent, answering only the server's pings: the memory cost of a large idle population. What it reports
 * is how many are up and how many got their announce response ({@link LoadStats.Count#ANNOUNCED_CONNECTIONS}),
 * counted over the whole run: the responses come while connecting, long before the measured period.
 */
final class IdleScenario implements Scenario {

    private final LoadConfig config;
    private final OutboundMessages messages;
    private final LoadStats stats;

    IdleScenario(LoadConfig config, OutboundMessages messages, LoadStats stats) {
        this.config = config;
        this.messages = messages;
        this.stats = stats;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
        SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + c.index);
        int torrent = new GammaSampler(config.gammaShape(), config.gammaScale(), random).torrent(config.torrents());
        c.sendTimes.push(nowNanos);
        ClientFrame frame = LoopBuffers.current().frame;
        messages.announce(frame, OutboundMessages.TORRENT_PREFIX, torrent, c.peerId, OutboundMessages.Event.STARTED,
                50, 0, 0);
        c.send(frame);
        stats.announceSent();
    }

    @Override
    public void received(LoadConnection c, ReceivedMessage m, long nowNanos) {
        stats.count(m.kind());
        if (m.kind() != ReceivedMessage.Kind.RESPONSE && m.kind() != ReceivedMessage.Kind.FAILURE) {
            return;
        }
        long sentAt = c.sendTimes.pop();
        if (sentAt >= 0) {
            stats.recordLatency((nowNanos - sentAt) / 1000);
        }
        if (m.kind() == ReceivedMessage.Kind.RESPONSE && !c.announced) {
            c.announced = true;
            stats.add(LoadStats.Count.ANNOUNCED_CONNECTIONS);
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
