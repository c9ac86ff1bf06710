package org.signaltracker.bench.load;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * The churn scenario's newcomers: a thread of its own that opens one connection for every place a
 * departing client left ({@code vacancies}), at most {@link Connector#MAX_CONCURRENT_HANDSHAKES}
 * handshakes at a time, so the population stays at the configured size. Blocking waits happen here and
 * never on an event loop. Every wait is bounded, so {@link #stop} returns promptly.
 */
final class Arrivals {

    private static final long POLL_MILLIS = 100;

    private final Connector connector;
    private final Semaphore vacancies;
    private final LoadStats stats;
    private final ChurnScenario scenario;
    private final InetSocketAddress remote;
    private final Semaphore handshakes = new Semaphore(Connector.MAX_CONCURRENT_HANDSHAKES);
    private final SplittableRandom ids;
    private final Thread thread;
    private volatile boolean running = true;
    /** Newcomers are numbered after the first population, so their seeds and peer ids differ. */
    private int nextIndex;

    Arrivals(Connector connector, Semaphore vacancies, LoadConfig config, LoadStats stats, ChurnScenario scenario) {
        this.connector = connector;
        this.vacancies = vacancies;
        this.stats = stats;
        this.scenario = scenario;
        this.remote = connector.remote();
        this.ids = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        this.nextIndex = config.connections();
        this.thread = new Thread(this::run, "load-arrivals");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void run() {
        try {
            while (running) {
                if (!vacancies.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                while (running && !handshakes.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    // the tracker is slow to complete handshakes: wait for one to finish
                }
                if (!running) {
                    return;
                }
                LoadConnection c = connector.connect(nextIndex++, OutboundMessages.randomId(ids), remote, handshakes);
                stats.add(Count.ARRIVALS);
                c.channel.closeFuture().addListener(f -> scenario.closed(c));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
