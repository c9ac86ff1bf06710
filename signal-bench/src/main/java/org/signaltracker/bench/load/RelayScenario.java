package org.signaltracker.bench.load;

/**
 * Offer → answer round trips between pairs of peers. Each pair shares a torrent of its own: the even
 * connection joins as a seeder and answers every offer; the odd one, once it sees its partner in the
 * swarm, announces with one offer and waits for the answer, then sends the next. Latency is the round
 * trip: offer announce sent → answer received.
 */
final class RelayScenario implements Scenario {

    private final LoadConfig config;
    private final LoadMessages messages;
    private final LoadStats stats;
    private final boolean closedLoop;

    RelayScenario(LoadConfig config, LoadMessages messages, LoadStats stats) {
        this.config = config;
        this.messages = messages;
        this.stats = stats;
        this.closedLoop = config.ratePerSecond() == 0;
    }

    private static boolean isAnswerer(LoadConnection c) {
        return c.index % 2 == 0;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
        c.torrent = "R" + "0".repeat(19 - Integer.toString(c.index / 2).length()) + (c.index / 2);
        c.send(messages.announce(c.torrent, c.peerId, "started", isAnswerer(c) ? 0 : 100, 0, c.peerId));
        stats.announceSent();
    }

    private void offer(LoadConnection c, long intendedNanos) {
        if (!c.pushPending(intendedNanos)) {
            stats.skipped.increment();
            return;
        }
        c.sequence++;
        c.send(messages.announce(c.torrent, c.peerId, null, 100, 1, "offer" + c.sequence + "-" + c.peerId));
        stats.announceSent();
    }

    @Override
    public void received(LoadConnection c, String message, LoadMessages.Kind kind, long nowNanos) {
        stats.count(kind);
        if (isAnswerer(c)) {
            if (kind == LoadMessages.Kind.OFFER) {
                c.send(messages.answer(c.torrent, c.peerId, LoadMessages.field(message, "peer_id"),
                        LoadMessages.field(message, "offer_id")));
                stats.sent.increment();
            }
            return;
        }
        if (kind == LoadMessages.Kind.ANSWER) {
            long sentAt = c.popPending();
            if (sentAt >= 0) {
                stats.recordLatency((nowNanos - sentAt) / 1000);
                stats.roundTrips.increment();
            }
            if (closedLoop) {
                offer(c, nowNanos);
            }
        } else if (kind == LoadMessages.Kind.RESPONSE && !c.started) {
            if (message.contains("\"complete\":1")) {
                c.started = true;
                if (closedLoop) {
                    offer(c, nowNanos);
                }
            } else {
                // The partner has not joined yet: ask again shortly (bounded by the run's duration).
                c.channel.eventLoop().schedule(() -> {
                    if (c.isOpen()) {
                        c.send(messages.announce(c.torrent, c.peerId, "started", 100, 0, c.peerId));
                        stats.announceSent();
                    }
                }, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void tick(LoadConnection c, long intendedNanos) {
        if (!isAnswerer(c) && c.started) {
            offer(c, intendedNanos);
        }
    }

    @Override
    public boolean sendsRequests() {
        return true;
    }
}
