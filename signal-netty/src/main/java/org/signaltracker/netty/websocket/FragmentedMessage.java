package org.signaltracker.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Joins the frames of one fragmented message (a first text or binary frame, then continuations) up to
 * {@code websocket.maxMessageBytes}. Netty's frame decoder already refuses continuations out of order, so
 * this only keeps bytes and the limit. Clients rarely fragment, so a session holds none until it needs one.
 *
 * <p>Not thread-safe: belongs to one session on its event loop.
 */
final class FragmentedMessage {

    private final int maxBytes;
    private ByteBuf joined;
    private boolean text;

    FragmentedMessage(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean inProgress() {
        return joined != null;
    }

    boolean text() {
        return text;
    }

    /** Begins a message with its first frame's bytes; false when they are already over the limit. */
    boolean start(ByteBufAllocator alloc, ByteBuf first, boolean textMessage) {
        release();
        if (first.readableBytes() > maxBytes) {
            return false;
        }
        text = textMessage;
        joined = alloc.heapBuffer(Math.min(maxBytes, Math.max(256, first.readableBytes() * 2)), maxBytes);
        joined.writeBytes(first, first.readerIndex(), first.readableBytes());
        return true;
    }

    /** Adds a continuation's bytes; false when the message would exceed the limit (nothing is kept then). */
    boolean append(ByteBuf continuation) {
        if (joined.readableBytes() + continuation.readableBytes() > maxBytes) {
            release();
            return false;
        }
        joined.writeBytes(continuation, continuation.readerIndex(), continuation.readableBytes());
        return true;
    }

    /** Bytes held for the message so far: the capacity of the buffer it is joined in. */
    int heldBytes() {
        return joined == null ? 0 : joined.capacity();
    }

    /** The whole message; valid until {@link #release}. */
    ByteBuf joined() {
        return joined;
    }

    void release() {
        if (joined != null) {
            joined.release();
            joined = null;
        }
    }
}
