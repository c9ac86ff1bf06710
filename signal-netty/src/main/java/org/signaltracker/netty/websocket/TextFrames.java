package org.signaltracker.netty.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes a server-to-client text frame (final, unmasked, RFC 6455 section 5.2) straight into one I/O
 * buffer: the header and the payload together. Relays are the hot path, and this spares each of them a
 * frame object, the frame encoder's pass and, for payloads over 1 KiB, the encoder's separate header
 * buffer. Stateless.
 */
final class TextFrames {

    private static final int FIN_TEXT = 0x81;
    private static final int SHORT_LENGTH_LIMIT = 126;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;

    private TextFrames() {
    }

    /** The frame's size on the wire for a payload of {@code length} bytes. */
    static int frameBytes(int length) {
        return headerBytes(length) + length;
    }

    static ByteBuf encode(ByteBufAllocator alloc, byte[] payload, int offset, int length) {
        ByteBuf frame = alloc.ioBuffer(frameBytes(length));
        frame.writeByte(FIN_TEXT);
        if (length < SHORT_LENGTH_LIMIT) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(LENGTH_16);
            frame.writeShort(length);
        } else {
            frame.writeByte(LENGTH_64);
            frame.writeLong(length);
        }
        frame.writeBytes(payload, offset, length);
        return frame;
    }

    private static int headerBytes(int length) {
        return length < SHORT_LENGTH_LIMIT ? 2 : length <= 0xFFFF ? 4 : 10;
    }
}
