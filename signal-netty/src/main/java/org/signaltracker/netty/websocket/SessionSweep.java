package org.signaltracker.netty.websocket;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.session.CloseCode;

/**
 * The open WebSockets of one event loop, and the once-a-second pass over them that replaces per-connection
 * timers: it pings a session that wrote nothing for {@code pingIntervalSeconds} (proxies with idle
 * timeouts keep the line open; browsers answer pings but cannot send them), closes one that read nothing,
 * not even a pong, for more than {@code idleTimeoutSeconds} (1001, "idle timeout"), closes one that
 * was over its high water mark at every pass for more than {@code unwritableCloseSeconds}, closes one
 * whose frame or fragmented message stayed incomplete for more than {@code unfinishedMessageTimeoutSeconds}
 * (1008; such a client holds memory for nothing), drops one whose close
 * frame could not leave within {@link WebSocketSession#CLOSE_GRACE_TICKS}, and recounts what each one has
 * queued for the socket. One scheduled task per loop instead of two timers per connection saves about 130
 * bytes of heap per connection and a promise listener on every write.
 *
 * <p>It also sheds: when the daemon is over its held-bytes budget, {@link #shed} closes this loop's
 * sessions that hold the most until the loop has given back its share of the excess; near the budget, where
 * new upgrades are refused, each pass closes stale holders the same way; and sessions that stopped reading
 * for the budget resume once the daemon is back under seven eighths of it.
 *
 * <p>Time is counted in ticks of this pass (seconds since the loop's first WebSocket), so a session's
 * stamps are plain ints. Confined to one event loop, except {@link #tick}, which senders on other loops
 * read to stamp a write: a stale value only brings a ping forward.
 */
final class SessionSweep implements Runnable {

    /** Passes after which an unfinished message or untaken output counts as stale under memory pressure. */
    static final int STALE_TICKS = 2;

    private int pingIntervalTicks;
    private int idleTimeoutTicks;
    private int unwritableCloseTicks;
    private int unfinishedMessageTicks;
    private final AtomicInteger openEverywhere;
    private final LoopResources loop;
    private WebSocketSession[] sessions = new WebSocketSession[256];
    private int size;
    private int tick;

    SessionSweep(WebSocketConfig config, AtomicInteger openEverywhere, LoopResources loop) {
        reconfigure(config);
        this.openEverywhere = openEverywhere;
        this.loop = loop;
    }

    /** Reloaded timeouts, on this loop; the next pass measures every open session against them. */
    void reconfigure(WebSocketConfig config) {
        this.pingIntervalTicks = config.pingIntervalSeconds();
        this.idleTimeoutTicks = config.idleTimeoutSeconds();
        this.unwritableCloseTicks = config.unwritableCloseSeconds();
        this.unfinishedMessageTicks = config.unfinishedMessageTimeoutSeconds();
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
        loop.catchUpWithReload();
        tick++;
        // Backwards, because a close may remove a session (swapping the last one into its place) while the
        // pass is running; whatever lands on a visited index has been visited already.
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                check(sessions[i]);
            }
        }
        if (loop.budget.isOverLimit()) {
            shed();
        } else if (!loop.budget.admitsNewConnections()) {
            // Near the budget new clients are refused, so free it from those that hold memory for nothing.
            shedStale();
        } else {
            resumePaused();
        }
    }

    private void check(WebSocketSession session) {
        if (session.closingSinceTick >= 0) {
            if (tick - session.closingSinceTick > WebSocketSession.CLOSE_GRACE_TICKS) {
                session.abortClose();
            }
            return;
        }
        if (session.isWritable()) {
            session.unwritableSinceTick = -1;
        } else if (session.unwritableSinceTick >= 0 && tick - session.unwritableSinceTick > unwritableCloseTicks) {
            session.closeStuck();
            return;
        }
        if (session.held.unfinishedSinceTick >= 0 && tick - session.held.unfinishedSinceTick > unfinishedMessageTicks) {
            session.close(CloseCode.POLICY_VIOLATION.code(), "message not completed in time");
            return;
        }
        if (tick - session.lastReadTick > idleTimeoutTicks) {
            session.close(CloseCode.GOING_AWAY.code(), "idle timeout");
            return;
        }
        if (tick - session.lastWriteTick >= pingIntervalTicks) {
            session.ping(tick);
        }
        // Writes from other loops and partial writes change the queue without telling this loop.
        session.refreshOutbound();
    }

    /**
     * Closes this loop's sessions that hold the most until this loop has freed its share of the excess over
     * six eighths of the budget (its part of what the daemon holds), then lets paused sessions read again if
     * the daemon is back under seven eighths. Sorting here allocates, but only under memory pressure.
     */
    void shed() {
        shed(false);
    }

    /**
     * Near the budget (where new upgrades get 503), closes the sessions that hold memory for nothing: a frame
     * or message left unfinished, or output not taken, for at least {@link #STALE_TICKS} passes. A browser
     * sends a whole message at once and reads what it is sent, so only a stalled or hostile client is stale;
     * without this, attackers holding unfinished messages could keep newcomers out until their timeout.
     */
    private void shedStale() {
        shed(true);
    }

    private boolean isStale(WebSocketSession session) {
        int unfinished = session.held.unfinishedSinceTick;
        int unwritable = session.unwritableSinceTick;
        return (unfinished >= 0 && tick - unfinished >= STALE_TICKS)
                || (unwritable >= 0 && tick - unwritable >= STALE_TICKS);
    }

    private void shed(boolean staleOnly) {
        long excess = loop.budget.excessBytes();
        long total = loop.budget.heldBytes();
        if (excess > 0 && total > 0 && loop.heldBytes > 0) {
            long share = (long) Math.ceil((double) excess * loop.heldBytes / total);
            long[] byHeld = new long[size];
            int candidates = 0;
            for (int i = 0; i < size; i++) {
                long held = sessions[i].held.total();
                if (held > 0 && (!staleOnly || isStale(sessions[i]))) {
                    // Held bytes in the high bits, the index in the low 24: one sort orders both.
                    byHeld[candidates++] = (held << 24) | i;
                }
            }
            Arrays.sort(byHeld, 0, candidates);
            WebSocketSession[] chosen = new WebSocketSession[candidates];
            int count = 0;
            long freed = 0;
            for (int i = candidates - 1; i >= 0 && freed < share; i--) {
                WebSocketSession session = sessions[(int) (byHeld[i] & 0xFF_FFFF)];
                freed += session.held.total();
                chosen[count++] = session;
            }
            // Closed after choosing: a close can reorder the session array.
            for (int i = 0; i < count; i++) {
                chosen[i].shed();
            }
        }
        resumePaused();
    }

    private void resumePaused() {
        // Resuming only below the point where new connections are admitted keeps a paused crowd from
        // filling the budget again at once.
        if (loop.pausedSessions == 0 || !loop.budget.admitsNewConnections()) {
            return;
        }
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                sessions[i].resumeAfterBudget();
            }
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
