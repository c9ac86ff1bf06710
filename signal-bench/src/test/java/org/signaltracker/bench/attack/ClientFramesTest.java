package org.signaltracker.bench.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientFramesTest {

    @Test
    void aWholeFrameIsMaskedAndUnmasksToItsPayload() {
        byte[] frame = ClientFrames.text("{}");
        assertEquals(0x81, frame[0] & 0xFF, "FIN and text");
        assertEquals(0x80 | 2, frame[1] & 0xFF, "masked, 2 bytes");
        assertEquals(2 + 4 + 2, frame.length);
        ClientFrames.unmask(frame, 6, 2);
        assertEquals("{}", new String(frame, 6, 2, StandardCharsets.US_ASCII));
    }

    @Test
    void lengthsUseTheShortestEncoding() {
        assertEquals(6, ClientFrames.headerBytes(125));
        assertEquals(8, ClientFrames.headerBytes(126));
        assertEquals(8, ClientFrames.headerBytes(65535));
        assertEquals(14, ClientFrames.headerBytes(65536));
        ByteBuffer header = ByteBuffer.allocate(14);
        ClientFrames.header(header, ClientFrames.OPCODE_TEXT, true, 131072);
        assertEquals(14, header.position());
        assertEquals(0x80 | 127, header.get(1) & 0xFF);
        assertEquals(131072, header.getLong(2), "the header promises the whole frame");
    }

    @Test
    void anUnfinishedMessageIsATextFrameThenContinuationsNoneFinal() {
        ByteBuffer message = UnfinishedMessages.fragments(40_000, 16_384);
        int frames = 0;
        long payload = 0;
        while (message.hasRemaining()) {
            int first = message.get() & 0xFF;
            assertEquals(frames == 0 ? ClientFrames.OPCODE_TEXT : ClientFrames.OPCODE_CONTINUATION, first,
                    "no FIN bit, text first, continuations after");
            int length = message.get() & 0x7F;
            assertEquals(126, length);
            length = message.getShort() & 0xFFFF;
            byte[] bytes = new byte[length];
            message.position(message.position() + 4).get(bytes);
            ClientFrames.unmask(bytes, 0, length);
            assertEquals('a', bytes[length - 1]);
            payload += length;
            frames++;
        }
        assertEquals(3, frames);
        assertEquals(40_000, payload);
    }
}
