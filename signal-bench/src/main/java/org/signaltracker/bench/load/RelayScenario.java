package org.signaltracker.bench.load;

import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * Offer → answer round trips between pairs of peers. Each pair shares a torrent of its own: the even
 * connection joins as a seeder and answers every offer; the odd one, once it sees its partner in the
 * swarm, announces with one offer and waits for the answer, then sends the next. Latency is the round
 * trip: offer announce sent → answer received.
 */
final class RelayScenario implements Scenario {

    /** How soon an offerer whose partner has not joined yet asks again. */
    private static final long RETRY_MILLIS = 50;

    private final OutboundMessages messages;
    private final LoadStats stats;
    private final boolean closedLoop;

    RelayScenario(LoadConfig config, OutboundMessages messages, LoadStats stats) {
        this.messages = messages;
        this.stats = stats;
        this.closedLoop = config.ratePerSecond() == 0;
    }

    private static boolean isAnswerer(LoadConnection c) {
        return c.index % 2 == 0;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
    }

    @Override
    public void start(LoadConnection c, long nowNanos) {
        join(c, isAnswerer(c) ? 0 : 100);
    }

    private void join(LoadConnection c, int left) {
        ClientFrame frame = LoopBuffers.current().frame;
        messages.announce(frame, OutboundMessages.PAIR_PREFIX, c.index / 2, c.peerId, OutboundMessages.Event.STARTED,
                left, 0, 0);
        c.send(frame);
        stats.announceSent();
    }

    private void offer(LoadConnection c, long intendedNanos) {
        if (!c.sendTimes.push(intendedNanos)) {
            stats.add(Count.SKIPPED);
            return;
        }
        ClientFrame frame = LoopBuffers.current().frame;
        messages.announce(frame, OutboundMessages.PAIR_PREFIX, c.index / 2, c.peerId, OutboundMessages.Event.NONE,
                100, 1, ++c.announces);
        c.send(frame);
        stats.announceSent();
        stats.add(Count.REQUESTS);
    }

    @Override
    public void received(LoadConnection c, ReceivedMessage m, long nowNanos) {
        stats.count(m.kind());
        if (isAnswerer(c)) {
            if (m.kind() == ReceivedMessage.Kind.OFFER && OutboundMessages.answerable(m)) {
                ClientFrame frame = LoopBuffers.current().frame;
                messages.answer(frame, m, c.peerId);
                c.send(frame);
                stats.add(Count.SENT);
            }
            return;
        }
        if (m.kind() == ReceivedMessage.Kind.ANSWER) {
            long sentAt = c.sendTimes.pop();
            if (sentAt >= 0) {
                stats.recordLatency((nowNanos - sentAt) / 1000);
                stats.add(Count.ROUND_TRIPS);
                stats.add(Count.SETTLED);
            }
            if (closedLoop) {
                offer(c, nowNanos);
            }
        } else if (m.kind() == ReceivedMessage.Kind.RESPONSE && !c.started) {
            if (m.complete() >= 1) {
                c.started = true;
                if (closedLoop) {
                    offer(c, nowNanos);
                }
            } else {
                // The partner has not joined yet: ask again shortly (bounded by the run's duration).
                c.channel.eventLoop().schedule(() -> {
                    if (c.isOpen()) {
                        join(c, 100);
                    }
                }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void tick(LoadConnection c, long intendedNanos) {
        if (!isAnswerer(c) && c.started) {
            offer(c, intendedNanos);
        }
    }

    /** Only offerers send on a schedule; answerers only answer. */
    @Override
    public boolean ticks(LoadConnection c) {
        return !isAnswerer(c);
    }

    @Override
    public boolean sendsRequests() {
        return true;
    }
}
