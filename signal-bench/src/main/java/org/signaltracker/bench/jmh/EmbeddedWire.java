package org.signaltracker.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.signaltracker.netty.pipeline.TrackerChannelInitializer;

/**
 * The wire side of the whole-pipeline benchmarks: channels with the daemon's pipeline upgraded by a real
 * handshake, client frames as they arrive (final, text, masked), and draining what a channel wrote as a
 * socket would. Stateless; call it on the benchmark's thread.
 */
final class EmbeddedWire {

    private EmbeddedWire() {
    }

    /** A channel with the daemon's pipeline, upgraded by a real handshake on {@code path}. */
    static EmbeddedChannel connect(TrackerChannelInitializer initializer, String path) {
        EmbeddedChannel channel = new EmbeddedChannel(initializer);
        channel.writeInbound(Unpooled.copiedBuffer("GET " + path + " HTTP/1.1\r\nHost: bench\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n", StandardCharsets.US_ASCII));
        drain(channel);
        if (channel.pipeline().get(TrackerChannelInitializer.TRACKER) == null) {
            throw new IllegalStateException("the handshake did not complete: " + channel.pipeline().names());
        }
        return channel;
    }

    /** A client frame as it arrives on the wire: final, text, masked. */
    static ByteBuf maskedFrame(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        ByteBuf frame = Unpooled.directBuffer(payload.length + 14).writeByte(0x81);
        if (payload.length < 126) {
            frame.writeByte(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.writeByte(0x80 | 126).writeShort(payload.length);
        } else {
            frame.writeByte(0x80 | 127).writeLong(payload.length);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    /** Runs the loop's queued flushes, then releases and counts what the channel wrote, as a socket would. */
    static int drain(EmbeddedChannel channel) {
        channel.runPendingTasks();
        int bytes = 0;
        Object out;
        while ((out = channel.readOutbound()) != null) {
            if (out instanceof ByteBuf buf) {
                bytes += buf.readableBytes();
            }
            ReferenceCountUtil.release(out);
        }
        return bytes;
    }
}
