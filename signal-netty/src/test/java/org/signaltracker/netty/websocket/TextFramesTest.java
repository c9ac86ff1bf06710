package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Our ready-made frames decode, with Netty's own client-side decoder, to exactly the payload sent. */
class TextFramesTest {

    private static String roundTrip(int length) {
        byte[] payload = new byte[length + 4];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        ByteBuf frame = TextFrames.encode(ByteBufAllocator.DEFAULT, payload, 2, length);
        assertEquals(TextFrames.frameBytes(length), frame.readableBytes());
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        client.writeInbound(frame);
        TextWebSocketFrame decoded = client.readInbound();
        try {
            assertEquals(true, decoded.isFinalFragment());
            assertEquals(new String(payload, 2, length, StandardCharsets.UTF_8), decoded.text());
            return decoded.text();
        } finally {
            decoded.release();
        }
    }

    @Test
    void everyLengthEncodingDecodes() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            assertEquals(length, roundTrip(length).length(), "payload of " + length + " bytes");
        }
    }
}
