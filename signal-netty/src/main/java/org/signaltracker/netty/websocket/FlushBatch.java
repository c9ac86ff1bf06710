package org.signaltracker.netty.websocket;

import io.netty.util.concurrent.EventExecutor;
import java.util.Arrays;

/**
 * Flushes, once per turn of its event loop, every session that was written to while it was not itself
 * reading: a relay to a peer is queued here instead of costing a system call at once, so several
 * messages for the same peer in one turn leave in one write. One task per turn, not one per channel,
 * is queued on the loop, and the loop runs it after the I/O events of that turn.
 *
 * <p>Confined to one event loop.
 */
final class FlushBatch implements Runnable {

    private final EventExecutor loop;
    private WebSocketSession[] queued = new WebSocketSession[64];
    private int size;
    private boolean scheduled;

    FlushBatch(EventExecutor loop) {
        this.loop = loop;
    }

    /** Queues {@code session} for the end of this turn; the caller makes sure it is queued once. */
    void add(WebSocketSession session) {
        if (size == queued.length) {
            queued = Arrays.copyOf(queued, size * 2);
        }
        queued[size++] = session;
        if (!scheduled) {
            scheduled = true;
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        // A flush can run listeners that queue more sessions; reading size on every step flushes them too.
        for (int i = 0; i < size; i++) {
            WebSocketSession session = queued[i];
            queued[i] = null;
            session.flushQueued();
        }
        size = 0;
        scheduled = false;
    }

    int queuedSessions() {
        return size;
    }
}
