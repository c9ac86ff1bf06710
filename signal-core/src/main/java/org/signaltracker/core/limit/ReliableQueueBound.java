package org.signaltracker.core.limit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes queued for one connection on the reliable path ({@code PeerSession#sendReliable}), against
 * {@code signaling.reliableQueueBytes}. The transport adds a message's size before queueing it and
 * subtracts it once the message was written or dropped with a closing connection; a refused add means the
 * peer cannot keep up and is to be closed, so memory stays bounded without dropping a message silently.
 *
 * <p>Thread-safe (one atomic): relays to a peer are queued from every event loop, the writes complete on
 * the peer's own loop.
 */
public final class ReliableQueueBound {

    private final long maxBytes;
    private final AtomicLong queued = new AtomicLong();

    public ReliableQueueBound(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Counts {@code bytes} more as queued; false, counting nothing, when that would pass the bound. */
    public boolean tryAdd(int bytes) {
        while (true) {
            long now = queued.get();
            long next = now + bytes;
            if (next > maxBytes) {
                return false;
            }
            if (queued.compareAndSet(now, next)) {
                return true;
            }
        }
    }

    /** {@code bytes} left the queue (written, or dropped because the connection closed). */
    public void remove(int bytes) {
        queued.addAndGet(-bytes);
    }

    public long queuedBytes() {
        return queued.get();
    }

    public long maxBytes() {
        return maxBytes;
    }
}
