package org.signaltracker.netty.websocket;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.signaltracker.core.config.WebSocketConfig;

/**
 * The open WebSockets of one event loop, and the once-a-second pass over them that replaces per-connection
 * timers: it pings a session that wrote nothing for {@code pingIntervalSeconds} (proxies with idle
 * timeouts keep the line open; browsers answer pings but cannot send them), closes one that read nothing,
 * not even a pong, for more than {@code idleTimeoutSeconds} (1001, "idle timeout"), and closes one that
 * stayed over its high water mark for more than {@code unwritableCloseSeconds}. One scheduled task per
 * loop instead of two timers per connection saves about 130 bytes of heap per connection and a promise
 * listener on every write.
 *
 * <p>Time is counted in ticks of this pass (seconds since the loop's first WebSocket), so a session's
 * stamps are plain ints. Confined to one event loop, except {@link #tick}, which senders on other loops
 * read to stamp a write: a stale value only brings a ping forward.
 */
final class SessionSweep implements Runnable {

    private final int pingIntervalTicks;
    private final int idleTimeoutTicks;
    private final int unwritableCloseTicks;
    private final AtomicInteger openEverywhere;
    private WebSocketSession[] sessions = new WebSocketSession[256];
    private int size;
    private int tick;

    SessionSweep(WebSocketConfig config, AtomicInteger openEverywhere) {
        this.pingIntervalTicks = config.pingIntervalSeconds();
        this.idleTimeoutTicks = config.idleTimeoutSeconds();
        this.unwritableCloseTicks = config.unwritableCloseSeconds();
        this.openEverywhere = openEverywhere;
    }

    int tick() {
        return tick;
    }

    void add(WebSocketSession session) {
        if (session.sweepIndex >= 0) {
            return;
        }
        if (size == sessions.length) {
            sessions = Arrays.copyOf(sessions, size * 2);
        }
        session.sweepIndex = size;
        sessions[size++] = session;
        openEverywhere.incrementAndGet();
    }

    void remove(WebSocketSession session) {
        int index = session.sweepIndex;
        if (index < 0) {
            return;
        }
        WebSocketSession last = sessions[--size];
        sessions[index] = last;
        last.sweepIndex = index;
        sessions[size] = null;
        session.sweepIndex = -1;
        openEverywhere.decrementAndGet();
    }

    int size() {
        return size;
    }

    @Override
    public void run() {
        tick++;
        // Backwards, because a close may remove a session (swapping the last one into its place) while the
        // pass is running; whatever lands on a visited index has been visited already.
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                check(sessions[i]);
            }
        }
    }

    private void check(WebSocketSession session) {
        if (session.unwritableSinceTick >= 0 && tick - session.unwritableSinceTick > unwritableCloseTicks) {
            session.closeStuck();
        } else if (tick - session.lastReadTick > idleTimeoutTicks) {
            session.close(WebSocketSession.CLOSE_GOING_AWAY, "idle timeout");
        } else if (tick - session.lastWriteTick >= pingIntervalTicks) {
            session.ping(tick);
        }
    }

    /** Graceful stop: every session of this loop gets a close frame with {@code code} and {@code reason}. */
    void closeAll(int code, String reason) {
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                sessions[i].close(code, reason);
            }
        }
    }
}
