package org.signaltracker.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicLong;
import org.signaltracker.core.session.PeerSession;

/**
 * The core's {@link PeerSession} port over one WebSocket channel. A message for a peer over its high
 * water mark is dropped rather than queued, so one slow client cannot make the daemon buffer without
 * limit; {@link SlowConsumerHandler} closes a client that stays that way.
 *
 * <p>Thread-safe: relays arrive from whichever event loop served the sender. Netty hands a write from a
 * foreign thread to the channel's own loop and counts it against the water marks on submission.
 */
public final class ChannelPeerSession implements PeerSession {

    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final Channel channel;
    private final long id = NEXT_ID.incrementAndGet();

    public ChannelPeerSession(Channel channel) {
        this.channel = channel;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public boolean send(byte[] bytes, int offset, int length) {
        if (!channel.isActive() || !channel.isWritable()) {
            return false;
        }
        ByteBuf payload = channel.alloc().buffer(length);
        payload.writeBytes(bytes, offset, length);
        // The void promise saves a future per message; failures surface through exceptionCaught instead.
        channel.writeAndFlush(new TextWebSocketFrame(payload), channel.voidPromise());
        return true;
    }

    @Override
    public void close(int closeCode, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(closeCode, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }
}
