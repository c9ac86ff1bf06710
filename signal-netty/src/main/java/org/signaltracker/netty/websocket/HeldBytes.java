package org.signaltracker.netty.websocket;

import org.signaltracker.core.limit.HeldBytesBudget;

/**
 * What one WebSocket makes the daemon hold on its behalf, in three parts: the frame being read (the frame
 * decoder's unread bytes), the fragmented message being joined, and the outbound bytes not yet taken by
 * the socket. Each part is reported as an absolute size; only a change touches the loop's sum and the
 * shared {@link HeldBytesBudget}, so the usual message, which is read, handled and answered within one
 * read, costs nothing here. Growth that takes the daemon over its budget tells the session, which stops
 * reading until memory is shed.
 *
 * <p>Confined to the session's event loop.
 */
final class HeldBytes {

    private final WebSocketSession session;
    private final LoopResources loop;
    private int frameBytes;
    private int messageBytes;
    private int outboundBytes;
    private boolean released;
    /** The sweep tick since which a frame or message has been incomplete, or -1 while none is. */
    int unfinishedSinceTick = -1;

    HeldBytes(WebSocketSession session, LoopResources loop) {
        this.session = session;
        this.loop = loop;
    }

    void frame(int bytes) {
        int delta = bytes - frameBytes;
        frameBytes = bytes;
        apply(delta);
        stampUnfinished();
    }

    void message(int bytes) {
        int delta = bytes - messageBytes;
        messageBytes = bytes;
        apply(delta);
        stampUnfinished();
    }

    private void stampUnfinished() {
        if (frameBytes == 0 && messageBytes == 0) {
            unfinishedSinceTick = -1;
        } else if (unfinishedSinceTick < 0) {
            unfinishedSinceTick = loop.sessions.tick();
        }
    }

    void outbound(long pendingBytes) {
        int bytes = (int) Math.min(Integer.MAX_VALUE, pendingBytes);
        int delta = bytes - outboundBytes;
        outboundBytes = bytes;
        apply(delta);
    }

    int outboundBytes() {
        return released ? 0 : outboundBytes;
    }

    long total() {
        return released ? 0 : (long) frameBytes + messageBytes + outboundBytes;
    }

    /** The connection is closing or closed: everything it held is given back, and later reports are ignored. */
    void releaseAll() {
        if (!released) {
            long total = total();
            released = true;
            loop.heldBytes -= total;
            loop.budget.add(-total);
        }
    }

    private void apply(int delta) {
        if (delta == 0 || released) {
            return;
        }
        loop.heldBytes += delta;
        long total = loop.budget.add(delta);
        if (delta > 0 && loop.budget.isOver(total)) {
            session.grewOverBudget();
        }
    }
}
