package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientFrameTest {

    private final ClientFrame frame = new ClientFrame(new SplittableRandom(3));

    /** Frames {@code payload} and decodes it with Netty's server-side decoder, which insists on a mask. */
    private byte[] roundTrip(byte[] payload) {
        ByteBuf wire = frame.begin().put(payload).finish(UnpooledByteBufAllocator.DEFAULT);
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).allowMaskMismatch(false).maxFramePayloadLength(1 << 20).build()));
        server.writeInbound(wire);
        TextWebSocketFrame decoded = server.readInbound();
        try {
            assertTrue(decoded.isFinalFragment());
            return ByteBufUtil.getBytes(decoded.content());
        } finally {
            decoded.release();
            server.finishAndReleaseAll();
        }
    }

    @Test
    void everyLengthEncodingDecodesToThePayload() {
        SplittableRandom random = new SplittableRandom(11);
        // Around each header form: 7-bit length, 16-bit length, 64-bit length; odd sizes test the mask's tail.
        for (int length : new int[] {0, 1, 7, 8, 9, 125, 126, 127, 1_803, 65_535, 65_536, 100_001}) {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) ('a' + random.nextInt(26));
            }
            assertArrayEquals(payload, roundTrip(payload), "length " + length);
        }
    }

    @Test
    void thePayloadIsMaskedOnTheWireWithANonZeroKey() {
        byte[] payload = "{\"action\":\"announce\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuf wire = frame.begin().put(payload).finish(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertEquals(0x81, wire.getUnsignedByte(0), "FIN and text opcode");
            assertEquals(0x80 | payload.length, wire.getUnsignedByte(1), "mask bit and 7-bit length");
            assertNotEquals(0, wire.getInt(2), "a zero key would let the server skip unmasking");
            assertEquals(2 + 4 + payload.length, wire.readableBytes());
            byte[] onWire = ByteBufUtil.getBytes(wire, 6, payload.length);
            assertNotEquals(new String(payload, java.nio.charset.StandardCharsets.US_ASCII),
                    new String(onWire, java.nio.charset.StandardCharsets.US_ASCII));
        } finally {
            wire.release();
        }
    }

    @Test
    void theBuilderIsReusableAfterFinish() {
        frame.begin().put(new byte[] {'x', 'y'}).finish(UnpooledByteBufAllocator.DEFAULT).release();
        assertArrayEquals(new byte[] {'z'}, roundTrip(new byte[] {'z'}), "begin() drops what came before");
    }
}
