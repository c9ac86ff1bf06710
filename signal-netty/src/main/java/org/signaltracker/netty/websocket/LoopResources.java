package org.signaltracker.netty.websocket;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;

/**
 * What one event loop shares among its WebSockets: its dispatcher (whose decoder and encoder are not
 * thread-safe), a byte array that every message is copied into before decoding, its {@link FlushBatch}
 * and its {@link SessionSweep}, which it schedules once a second on the loop. Handling a message
 * allocates nothing here. Confined to its event loop.
 */
final class LoopResources {

    final EventExecutor loop;
    final WebTorrentDispatcher dispatcher;
    final byte[] payload;
    final FlushBatch flushes;
    final SessionSweep sessions;

    LoopResources(EventExecutor loop, WebTorrentDispatcher dispatcher, WebSocketConfig config,
            AtomicInteger openEverywhere) {
        this.loop = loop;
        this.dispatcher = dispatcher;
        this.payload = new byte[config.maxMessageBytes()];
        this.flushes = new FlushBatch(loop);
        this.sessions = new SessionSweep(config, openEverywhere);
        loop.scheduleAtFixedRate(sessions, 1, 1, TimeUnit.SECONDS);
    }
}
