package org.signaltracker.netty.websocket;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.protocol.signaling.SignalingDispatcher;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.netty.metrics.MessageTimings;

/**
 * The {@link LoopResources} of every event loop, created on a loop's first WebSocket, and the server's view
 * of all open WebSockets (their count, the graceful-stop close, and shedding when the daemon is over its
 * held-bytes budget). Keyed by the loop itself rather than a thread-local, so tests on one thread with
 * several embedded loops get one set each. Thread-safe; looked up once per connection, never per message.
 */
public final class LoopResourceTable {

    private final ConcurrentHashMap<EventExecutor, LoopResources> byLoop = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** Handshakes completed, for metrics; counted once per connection, never per message. */
    final LongAdder opened = new LongAdder();
    /** Each loop's message handling histograms, one per {@link UpgradeTarget.Protocol}, in its order. */
    private final MessageTimings timings = newTimings();
    private final Supplier<WebTorrentDispatcher> webTorrent;
    private final Supplier<SignalingDispatcher> signaling;
    private final long reliableQueueBytes;
    private final WebSocketConfig config;
    private final HeldBytesBudget budget;
    /** The config of the last reload, or null; each loop applies it on its own thread. */
    private volatile SignalTrackerConfig reloaded;

    /** A tracker only: no signaling protocol (tests and benchmarks of the tracker path). */
    public LoopResourceTable(Supplier<WebTorrentDispatcher> webTorrent, WebSocketConfig config,
            HeldBytesBudget budget) {
        this(webTorrent, () -> null, 0, config, budget);
    }

    /**
     * @param webTorrent         makes each loop's tracker dispatcher
     * @param signaling          makes each loop's signaling dispatcher
     * @param reliableQueueBytes {@code signaling.reliableQueueBytes}
     */
    public LoopResourceTable(Supplier<WebTorrentDispatcher> webTorrent, Supplier<SignalingDispatcher> signaling,
            long reliableQueueBytes, WebSocketConfig config, HeldBytesBudget budget) {
        this.webTorrent = webTorrent;
        this.signaling = signaling;
        this.reliableQueueBytes = reliableQueueBytes;
        this.config = config;
        this.budget = budget;
    }

    /**
     * A reload: every loop applies {@code next}'s live settings on its own thread (its dispatchers' rates
     * and caps, its sweep's timeouts), soon and without blocking the caller; a loop made later starts with
     * them. Connections stay open; what they do next follows the new settings.
     */
    public void reconfigure(SignalTrackerConfig next) {
        reloaded = next;
        for (LoopResources resources : byLoop.values()) {
            resources.loop.execute(resources::catchUpWithReload);
        }
    }

    SignalTrackerConfig reloaded() {
        return reloaded;
    }

    LoopResources forLoop(EventExecutor loop) {
        LoopResources resources = byLoop.get(loop);
        return resources != null ? resources : byLoop.computeIfAbsent(loop,
                l -> new LoopResources(l, webTorrent.get(), signaling.get(), reliableQueueBytes, config, open, budget,
                        this, timings));
    }

    /**
     * The signaling dispatcher of {@code loop} (created with the loop's resources if need be), for HTTP
     * routes that act on signaling connections; call it only on {@code loop}. Null without signaling.
     */
    public SignalingDispatcher signalingOn(EventExecutor loop) {
        return forLoop(loop).signaling;
    }

    /** WebSockets that completed the handshake and are not closed yet, on every loop. */
    public int openWebSockets() {
        return open.get();
    }

    /** WebSocket handshakes completed since the start, on every loop. */
    public long openedWebSockets() {
        return opened.sum();
    }

    /** The message handling histograms of every loop, for the metrics export. */
    public MessageTimings timings() {
        return timings;
    }

    private static MessageTimings newTimings() {
        UpgradeTarget.Protocol[] protocols = UpgradeTarget.Protocol.values();
        String[] names = new String[protocols.length];
        for (int i = 0; i < protocols.length; i++) {
            names[i] = protocols[i].name();
        }
        return new MessageTimings(names);
    }

    public HeldBytesBudget budget() {
        return budget;
    }

    /** Sends every open WebSocket a close frame, each on its own loop; returns without waiting. */
    public void closeAll(int code, String reason) {
        for (LoopResources resources : byLoop.values()) {
            resources.loop.execute(() -> resources.sessions.closeAll(code, reason));
        }
    }

    /** Every loop closes its share of the connections holding the most, each on its own thread. */
    void shedEverywhere() {
        for (LoopResources resources : byLoop.values()) {
            resources.queueShed();
        }
    }
}
