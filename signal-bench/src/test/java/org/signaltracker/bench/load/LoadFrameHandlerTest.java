package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class LoadFrameHandlerTest {

    private final List<String> received = new ArrayList<>();
    private final List<Long> pongs = new ArrayList<>();
    private final Scenario recorder = new Scenario() {
        @Override
        public void opened(LoadConnection c, long nowNanos) {
        }

        @Override
        public void received(LoadConnection c, ReceivedMessage m, long nowNanos) {
            received.add(m.kind() + " " + new String(m.bytes(), m.peerIdStart(), m.peerIdLength(), StandardCharsets.US_ASCII));
        }

        @Override
        public void ponged(LoadConnection c, long payload, long nowNanos) {
            pongs.add(payload);
        }

        @Override
        public void tick(LoadConnection c, long intendedNanos) {
        }

        @Override
        public boolean sendsRequests() {
            return false;
        }
    };

    private EmbeddedChannel channel(int maxMessageBytes) {
        LoadConnection connection = new LoadConnection(0, new byte[20]);
        return new EmbeddedChannel(new LoadFrameHandler(connection, recorder, new LoadStats(), new Semaphore(1),
                maxMessageBytes));
    }

    private static io.netty.buffer.ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void singleFramesAndFragmentedMessagesBothReachTheScenarioWhole() {
        EmbeddedChannel ch = channel(1 << 20);
        ch.writeInbound(new TextWebSocketFrame(text("{\"action\":\"announce\",\"interval\":1,\"peer_id\":\"ONE\"}")));
        ch.writeInbound(new TextWebSocketFrame(false, 0, text("{\"action\":\"announce\",\"off")));
        ch.writeInbound(new ContinuationWebSocketFrame(false, 0, text("er\":{},\"peer_id\":\"T")));
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, text("WO\"}")));
        assertEquals(List.of("RESPONSE ONE", "OFFER TWO"), received);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void binaryMessagesAreIgnoredAndPongsPassTheirPayload() {
        EmbeddedChannel ch = channel(1 << 20);
        ch.writeInbound(new BinaryWebSocketFrame(false, 0, text("{\"interval\":1,")));
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, text("\"peer_id\":\"X\"}")));
        ch.writeInbound(new PongWebSocketFrame(Unpooled.buffer().writeLong(42)));
        ch.writeInbound(new PongWebSocketFrame(Unpooled.buffer().writeInt(1)));
        assertEquals(List.of(), received);
        assertEquals(List.of(42L, -1L), pongs);
        ch.finishAndReleaseAll();
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesTheConnection() {
        EmbeddedChannel ch = channel(16);
        ch.writeInbound(new TextWebSocketFrame(false, 0, text("{\"interval\":1,")));
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, text("\"peer_id\":\"X\"}")));
        assertEquals(List.of(), received);
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }
}
