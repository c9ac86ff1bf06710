package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.WebSocketConfig;

/**
 * A session that paused reading stays paused while a frame is unfinished: the decoder asks for no read of its
 * own after a read that completed no frame (Netty's does, which let a never-ending frame be read on through a
 * pause for the held-bytes budget, to its end on io_uring).
 */
class BudgetedFrameDecoderTest {

    private final WebSocketConfig config = WebSocketConfig.defaults();
    private final SessionFixture fixture = new SessionFixture(config);

    /** Counts the reads asked for from the handlers after it. */
    private static final class ReadCounter extends ChannelOutboundHandlerAdapter {
        int reads;

        @Override
        public void read(ChannelHandlerContext ctx) {
            reads++;
            ctx.read();
        }
    }

    /** A masked text frame header announcing 1,000 bytes, and the first 100 of them. */
    private static byte[] unfinishedFrame() {
        byte[] part = new byte[2 + 2 + 4 + 100];
        part[0] = (byte) 0x81;
        part[1] = (byte) (0x80 | 126);
        part[2] = (byte) (1000 >> 8);
        part[3] = (byte) (1000 & 0xFF);
        return part;
    }

    /** The reads asked for after one paused read that brought part of a frame, with {@code decoder} decoding. */
    private int readsAskedAfterAPausedReadOfAnUnfinishedFrame(Function<HeldBytes, ChannelHandler> decoder) {
        ReadCounter counter = new ReadCounter();
        EmbeddedChannel channel = new EmbeddedChannel(counter);
        WebSocketSession session = fixture.newSession(channel);
        channel.pipeline().addLast(decoder.apply(session.held));
        channel.pipeline().addLast("tracker", session);
        session.start(null);
        channel.config().setAutoRead(false); // paused, as the session does for the budget or back-pressure
        counter.reads = 0;
        channel.writeInbound(Unpooled.wrappedBuffer(unfinishedFrame())); // one read, then its end
        channel.finishAndReleaseAll();
        return counter.reads;
    }

    @Test
    void aPausedSessionIsNotReadOnForAnUnfinishedFrame() {
        int reads = readsAskedAfterAPausedReadOfAnUnfinishedFrame(
                held -> new BudgetedFrameDecoder(WebSocketUpgrade.decoderConfig(config), held));
        assertEquals(0, reads, "a read asked for while the session had paused reading");
    }

    @Test
    void nettysOwnDecoderWouldAskForOne() {
        // What the override is for: without it the same unfinished frame asks for the next read.
        int reads = readsAskedAfterAPausedReadOfAnUnfinishedFrame(
                held -> new WebSocket13FrameDecoder(WebSocketUpgrade.decoderConfig(config)));
        assertTrue(reads >= 1, "Netty's decoder no longer reads on by itself; the override can go");
    }
}
