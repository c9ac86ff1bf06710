package org.signaltracker.bench.load;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * Clients that come and go, for memory soak runs: the population stays at the configured connections,
 * each client living a few announces (Gamma-chosen torrents, a quarter as seeders, with offers, answering
 * the offers relayed to it) spaced {@link LoadConfig.Churn#announceMillis()} apart, and then leaving the
 * way real ones do: with a WebSocket close, by dropping the TCP connection without one (a FIN or a
 * reset: a closed laptop lid, a killed tab), or by going silent while still connected (no announces, no
 * reads, so no pongs either), which only the tracker's peer eviction and its idle timeout clear up. Each
 * departure hands its place to a newcomer ({@link Arrivals}), so every part of the tracker that holds
 * per-client state sees a steady flow of additions and removals.
 *
 * <p>Callbacks run on the event loop of the connection they name, and so do its timers and close
 * listener: a client's state is confined to its loop.
 */
final class ChurnScenario implements Scenario {

    /** How long after re-reading a silent client the generator decides the tracker never closed it. */
    private static final long SILENT_RECHECK_MILLIS = 2000;

    private final LoadConfig config;
    private final LoadConfig.Churn churn;
    private final OutboundMessages messages;
    private final LoadStats stats;
    /** One permit per place left empty by a departure; {@link Arrivals} fills them. */
    private final Semaphore vacancies = new Semaphore(0);
    private Arrivals arrivals;

    ChurnScenario(LoadConfig config, OutboundMessages messages, LoadStats stats) {
        this.config = config;
        this.churn = config.churn();
        this.messages = messages;
        this.stats = stats;
    }

    @Override
    public void opened(LoadConnection c, long nowNanos) {
        c.random = new SplittableRandom(config.seed() * 1_000_003L + c.index);
        c.gamma = new GammaSampler(config.gammaShape(), config.gammaScale(), c.random);
        // Uniform in 1 .. 2 * mean - 1: the mean is the configured one, and no life is empty.
        c.lifeLeft = 1 + c.random.nextInt(2 * churn.lifeAnnounces() - 1);
        if (c.index >= config.connections()) {
            begin(c); // a newcomer: the run is under way
        }
    }

    @Override
    public void start(LoadConnection c, long nowNanos) {
        c.channel.closeFuture().addListener(f -> closed(c));
        begin(c);
    }

    /** The first announce goes at a random point of the first interval, so the clients' timers spread out. */
    private void begin(LoadConnection c) {
        schedule(c, c.random.nextLong(churn.announceMillis()));
    }

    private void schedule(LoadConnection c, long delayMillis) {
        c.channel.eventLoop().schedule(() -> next(c), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** The client's timer: one more announce, or the end of its life. */
    private void next(LoadConnection c) {
        if (c.departed || !c.isOpen()) {
            return;
        }
        if (c.lifeLeft-- > 0) {
            announce(c);
            schedule(c, churn.announceMillis());
        } else {
            leave(c);
        }
    }

    private void announce(LoadConnection c) {
        int torrent = c.gamma.torrent(config.torrents());
        boolean seeder = c.random.nextDouble() < config.seederShare();
        ClientFrame frame = LoopBuffers.current().frame;
        messages.announce(frame, OutboundMessages.TORRENT_PREFIX, torrent, c.peerId,
                seeder ? OutboundMessages.Event.COMPLETED : OutboundMessages.Event.STARTED, seeder ? 0 : 50,
                config.offersPerAnnounce(), c.announces++);
        c.sendTimes.push(System.nanoTime());
        c.send(frame);
        stats.announceSent();
    }

    private void leave(LoadConnection c) {
        depart(c);
        double roll = c.random.nextDouble();
        if (roll < churn.abruptShare()) {
            if (c.random.nextBoolean()) {
                // SO_LINGER 0: close() sends a reset instead of a FIN, dropping anything unsent.
                c.channel.config().setOption(ChannelOption.SO_LINGER, 0);
                stats.add(Count.LEFT_RESET);
            } else {
                stats.add(Count.LEFT_FIN);
            }
            c.channel.close();
        } else if (roll < churn.abruptShare() + churn.silentShare()) {
            stats.add(Count.LEFT_SILENT);
            c.silent = true;
            // Not reading: the server's pings go unanswered and its messages pile up in the socket buffers.
            c.channel.config().setAutoRead(false);
            c.channel.eventLoop().schedule(() -> checkSilent(c), churn.silentSeconds(), TimeUnit.SECONDS);
        } else {
            stats.add(Count.LEFT_CLOSE);
            c.channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * The silent client waited long enough for the tracker to close it. Reading again shows a close the
     * loop did not see while not reading; what is still open shortly after was never closed: counted, and
     * closed by the generator.
     */
    private void checkSilent(LoadConnection c) {
        if (!c.isOpen()) {
            return;
        }
        c.channel.config().setAutoRead(true);
        c.channel.eventLoop().schedule(() -> {
            if (c.isOpen() && !c.silenceSettled) {
                c.silenceSettled = true;
                stats.add(Count.SILENT_NOT_CLOSED);
                c.channel.close();
            }
        }, SILENT_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The client's place goes to a newcomer. */
    private void depart(LoadConnection c) {
        c.departed = true;
        vacancies.release();
    }

    /** Listener of every client's channel close (a failed connect included). */
    void closed(LoadConnection c) {
        if (c.silent && !c.silenceSettled) {
            c.silenceSettled = true;
            stats.add(Count.SILENT_CLOSED_BY_SERVER);
        }
        if (!c.departed) {
            if (c.gamma != null) {
                stats.add(Count.LOST); // it was up and living: closed by the tracker or an error
            }
            depart(c);
        }
    }

    @Override
    public void received(LoadConnection c, ReceivedMessage m, long nowNanos) {
        stats.count(m.kind());
        if (m.kind() == ReceivedMessage.Kind.RESPONSE) {
            long sentAt = c.sendTimes.pop();
            if (sentAt >= 0) {
                stats.recordLatency((nowNanos - sentAt) / 1000);
            }
        } else if (m.kind() == ReceivedMessage.Kind.OFFER && !c.departed && OutboundMessages.answerable(m)) {
            ClientFrame frame = LoopBuffers.current().frame;
            messages.answer(frame, m, c.peerId);
            c.send(frame);
            stats.add(Count.SENT);
        }
    }

    @Override
    public void tick(LoadConnection c, long intendedNanos) {
    }

    /** Each client keeps its own pace; the open loop's rate does not apply. */
    @Override
    public boolean sendsRequests() {
        return false;
    }

    /** Starts filling the places of clients that leave; call once the first population is up. */
    void startArrivals(Connector connector) {
        arrivals = new Arrivals(connector, vacancies, config, stats, this);
        arrivals.start();
    }

    /** Stops the arrivals (bounded wait); the clients themselves stop with the event loops. */
    void stopArrivals() throws InterruptedException {
        if (arrivals != null) {
            arrivals.stop();
        }
    }
}
