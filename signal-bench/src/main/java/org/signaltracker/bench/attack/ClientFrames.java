package org.signaltracker.bench.attack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes WebSocket frames as a client must send them (RFC 6455 section 5: always masked), including frames
 * that are deliberately left unfinished: a header that promises more payload than follows, or a
 * non-final fragment whose message never ends. The attacks build their bytes once with these and send
 * the same buffer many times, so the mask key is fixed; a server cannot tell, and must not care.
 *
 * <p>Stateless; thread-safe.
 */
final class ClientFrames {

    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_PING = 0x9;
    /** The largest payload of a control frame (ping, pong, close). */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private static final byte[] MASK_KEY = {0x5a, (byte) 0xc3, 0x17, (byte) 0x9e};

    private ClientFrames() {
    }

    /** Bytes of the header of a masked frame whose payload is {@code payloadLength} bytes. */
    static int headerBytes(long payloadLength) {
        int lengthBytes = payloadLength < 126 ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
        return 2 + lengthBytes + MASK_KEY.length;
    }

    /** A whole masked frame: header and all of {@code payload}. */
    static void frame(ByteBuffer out, int opcode, boolean fin, byte[] payload) {
        header(out, opcode, fin, payload.length);
        maskedPayload(out, payload, 0, payload.length);
    }

    /** A masked frame as a byte array (for the bystander's messages). */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(headerBytes(payload.length) + payload.length);
        frame(out, opcode, fin, payload);
        return out.array();
    }

    /** A masked text frame holding {@code text} in one final frame. */
    static byte[] text(String text) {
        return frame(OPCODE_TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The header of a masked frame that announces {@code payloadLength} bytes of payload. */
    static void header(ByteBuffer out, int opcode, boolean fin, long payloadLength) {
        out.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payloadLength < 126) {
            out.put((byte) (0x80 | payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            out.put((byte) (0x80 | 126)).putShort((short) payloadLength);
        } else {
            out.put((byte) (0x80 | 127)).putLong(payloadLength);
        }
        out.put(MASK_KEY);
    }

    /**
     * Payload bytes {@code [from, from + count)} of {@code payload}, masked as the bytes at those offsets of
     * the frame (the mask cycles from the frame's first payload byte).
     */
    static void maskedPayload(ByteBuffer out, byte[] payload, int from, int count) {
        for (int i = from; i < from + count; i++) {
            out.put((byte) (payload[i] ^ MASK_KEY[i & 3]));
        }
    }

    /** {@code count} masked payload bytes that all unmask to {@code filler}, starting at frame offset 0. */
    static void maskedFiller(ByteBuffer out, byte filler, int count) {
        for (int i = 0; i < count; i++) {
            out.put((byte) (filler ^ MASK_KEY[i & 3]));
        }
    }

    /** Unmasks {@code bytes} in place (tests read back what was written). */
    static void unmask(byte[] bytes, int from, int count) {
        for (int i = 0; i < count; i++) {
            bytes[from + i] ^= MASK_KEY[i & 3];
        }
    }
}
