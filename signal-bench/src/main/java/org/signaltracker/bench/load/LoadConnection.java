package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.SplittableRandom;

/**
 * One simulated client: its channel, its peer id and the little state a scenario keeps for it. Confined
 * to the event loop of its channel.
 */
final class LoadConnection {

    final int index;
    /** 20 ASCII bytes from [A-Za-z0-9]. */
    final byte[] peerId;
    Channel channel;

    /** Announce: this connection's random source and torrent picker, seeded per connection. */
    SplittableRandom random;
    GammaSampler gamma;
    /** Announce: which reply belongs to which announce. */
    AnnouncePairing pairing;
    /** Announces sent so far; numbers their offer ids. */
    long announces;

    /** Relay and idle: send times of requests whose reply has not come yet. */
    final SendTimes sendTimes = new SendTimes();
    /** Relay: the offerer saw its partner in the swarm and started its loop; signal: both are identified. */
    boolean started;
    /** Signal: this connection's username and its partner's (null for the odd one out). */
    byte[] username;
    byte[] partnerName;
    /** Signal: AUTH_SUCCESS came. */
    boolean identified;
    /** Signal: when the JOIN_ROOM went, or -1 when no join is awaiting its ROOM_MEMBERS. */
    long joinSentNanos = -1;
    /** Idle: the connection's one announce got its response. */
    boolean announced;
    /** Churn: announces left in this client's life. */
    int lifeLeft;
    /** Churn: the client left (or never came up): its place was handed to a newcomer. */
    boolean departed;
    /** Churn: the client went silent; and whether the generator already looked at how that ended. */
    boolean silent;
    boolean silenceSettled;
    /** The connection closed before its handshake completed; read by the main thread while connecting. */
    volatile boolean closedBeforeUp;

    LoadConnection(int index, byte[] peerId) {
        this.index = index;
        this.peerId = peerId;
    }

    /** Sends the frame built in {@code frame}; its bytes are copied, so the builder may be reused at once. */
    void send(ClientFrame frame) {
        channel.writeAndFlush(frame.finish(channel.alloc()), channel.voidPromise());
    }

    /** Sends a ping whose payload is {@code payload}, which the pong echoes (RFC 6455 5.5.3). */
    void ping(long payload) {
        ByteBuf data = channel.alloc().buffer(Long.BYTES).writeLong(payload);
        channel.writeAndFlush(new PingWebSocketFrame(data), channel.voidPromise());
    }

    boolean isOpen() {
        return channel != null && channel.isActive();
    }
}
