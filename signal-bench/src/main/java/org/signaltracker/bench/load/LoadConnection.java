package org.signaltracker.bench.load;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One simulated client: its channel, its peer id and the little state a scenario keeps for it. Confined
 * to the event loop of its channel.
 */
final class LoadConnection {

    final int index;
    final String peerId;
    Channel channel;
    /** Send times (nanos) of requests whose reply has not come yet, oldest first; a small ring. */
    private final long[] pending = new long[64];
    private int pendingHead;
    private int pendingSize;
    /** Relay: the torrent this connection shares with its partner. */
    String torrent;
    int sequence;
    /** Relay: the offerer saw its partner in the swarm and started its loop. */
    boolean started;
    /** Announce: this connection's random source and torrent picker, seeded per connection. */
    java.util.SplittableRandom random;
    GammaSampler gamma;

    LoadConnection(int index, String peerId) {
        this.index = index;
        this.peerId = peerId;
    }

    void send(String json) {
        channel.writeAndFlush(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), json)),
                channel.voidPromise());
    }

    boolean isOpen() {
        return channel != null && channel.isActive();
    }

    /** Remembers when a request was (or was meant to be) sent; false if too many are outstanding. */
    boolean pushPending(long nanos) {
        if (pendingSize == pending.length) {
            return false;
        }
        pending[(pendingHead + pendingSize) % pending.length] = nanos;
        pendingSize++;
        return true;
    }

    /** The send time of the oldest outstanding request, or -1. */
    long popPending() {
        if (pendingSize == 0) {
            return -1;
        }
        long value = pending[pendingHead];
        pendingHead = (pendingHead + 1) % pending.length;
        pendingSize--;
        return value;
    }
}
