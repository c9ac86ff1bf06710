package org.signaltracker.netty.websocket;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.signaltracker.core.config.SignalTrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.protocol.signaling.SignalingDispatcher;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.session.SessionProtocol;
import org.signaltracker.netty.metrics.MessageTimes;
import org.signaltracker.netty.metrics.MessageTimings;

/**
 * What one event loop shares among its WebSockets: one instance of each protocol (the dispatchers, whose
 * decoders and encoders are not thread-safe; signaling's is absent when the server offers none), a byte
 * array that every message is copied into before decoding, its {@link FlushBatch}, its
 * {@link SessionSweep}, which it schedules once a second on the loop, and its part of the daemon's
 * held-bytes budget. Handling a message allocates nothing here. Confined to its event loop, except
 * {@link #queueShed}, which any loop may call.
 */
final class LoopResources {

    final EventExecutor loop;
    final WebTorrentDispatcher webTorrent;
    final SignalingDispatcher signaling;
    /** Bytes a signaling peer may have queued for its socket at most (see WebSocketSession#sendReliable). */
    final long reliableQueueBytes;
    final byte[] payload;
    final FlushBatch flushes;
    final SessionSweep sessions;
    final HeldBytesBudget budget;
    /** This loop's message handling histogram of each protocol, by {@link UpgradeTarget.Protocol} ordinal. */
    private final MessageTimes[] times;
    final LoopResourceTable table;
    /** What this loop's sessions hold, the sum of their {@link HeldBytes}. */
    long heldBytes;
    /** Sessions of this loop that stopped reading because the daemon went over its budget. */
    int pausedSessions;
    /** The reloaded config this loop last applied; null until the first reload. */
    private SignalTrackerConfig applied;
    private final AtomicBoolean shedQueued = new AtomicBoolean();
    private final Runnable shed;

    LoopResources(EventExecutor loop, WebTorrentDispatcher webTorrent, SignalingDispatcher signaling,
            long reliableQueueBytes, WebSocketConfig config, AtomicInteger openEverywhere, HeldBytesBudget budget,
            LoopResourceTable table, MessageTimings timings) {
        this.loop = loop;
        this.webTorrent = webTorrent;
        this.signaling = signaling;
        this.reliableQueueBytes = reliableQueueBytes;
        this.payload = new byte[config.maxMessageBytes()];
        this.flushes = new FlushBatch(loop);
        this.budget = budget;
        this.table = table;
        this.times = new MessageTimes[UpgradeTarget.Protocol.values().length];
        for (int i = 0; i < times.length; i++) {
            times[i] = timings.forLoop(i);
        }
        this.sessions = new SessionSweep(config, openEverywhere, this);
        this.shed = () -> {
            shedQueued.set(false);
            sessions.shed();
        };
        loop.scheduleAtFixedRate(sessions, 1, 1, TimeUnit.SECONDS);
        catchUpWithReload();
    }

    /**
     * Applies the table's latest reloaded config if this loop has not yet. The reload posts this to every
     * loop at once; the sweep also calls it once a second (one volatile read), so a loop created while a
     * reload was being posted still catches up within a second.
     */
    void catchUpWithReload() {
        SignalTrackerConfig latest = table.reloaded();
        if (latest == null || latest == applied) {
            return;
        }
        applied = latest;
        webTorrent.reconfigure(latest.tracker(), latest.limits());
        if (signaling != null) {
            signaling.reconfigure(latest.signaling());
        }
        sessions.reconfigure(latest.webSocket());
    }

    /** This loop's instance of {@code protocol}; the session stores it untyped and pairs it with its own state. */
    @SuppressWarnings("unchecked")
    SessionProtocol<Object, Object> protocol(UpgradeTarget.Protocol protocol) {
        SessionProtocol<?, ?> p = switch (protocol) {
            case WEBTORRENT -> webTorrent;
            case SIGNALING -> signaling;
        };
        if (p == null) {
            throw new IllegalStateException("no " + protocol + " protocol on this server");
        }
        return (SessionProtocol<Object, Object>) p;
    }

    MessageTimes times(UpgradeTarget.Protocol protocol) {
        return times[protocol.ordinal()];
    }

    /** The daemon went over its budget: every loop sheds its share, this one included. */
    void requestShed() {
        table.shedEverywhere();
    }

    /** Runs a shedding pass on this loop soon, unless one is already queued. */
    void queueShed() {
        if (shedQueued.compareAndSet(false, true)) {
            loop.execute(shed);
        }
    }
}
