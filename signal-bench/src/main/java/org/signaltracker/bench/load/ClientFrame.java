package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Builds one client-to-server WebSocket text frame: the payload is appended in pieces, then {@link #finish}
 * writes the header, masks the payload and copies the whole frame into one pooled buffer, ready to write
 * to the channel as it is (it bypasses Netty's frame encoder, which would allocate and copy once more).
 *
 * <p>Why an array first: RFC 6455 makes a client mask every byte it sends, so the payload is passed over
 * once anyway; doing that in a plain array, eight bytes at a time, and copying the result once is cheaper
 * than masking inside a direct buffer through its checked accessors. The mask is random and never 0, as a
 * browser's is: Netty's server decoder skips unmasking for a zero mask, and the tracker must do the work
 * real clients cause.
 *
 * <p>Not thread-safe: one per event loop (see {@link LoopBuffers}).
 */
final class ClientFrame {

    /** Room before the payload for the longest header: 2 bytes, an 8-byte length, a 4-byte mask. */
    static final int HEADER_ROOM = 14;
    private static final int OPCODE_TEXT_FINAL = 0x81;
    private static final int MASKED = 0x80;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final SplittableRandom masks;
    private byte[] bytes = new byte[8192];
    private int position = HEADER_ROOM;

    ClientFrame(SplittableRandom masks) {
        this.masks = masks;
    }

    /** Starts a new frame; whatever was appended before is dropped. */
    ClientFrame begin() {
        position = HEADER_ROOM;
        return this;
    }

    ClientFrame put(byte[] src) {
        return put(src, 0, src.length);
    }

    ClientFrame put(byte[] src, int offset, int len) {
        ensure(len);
        System.arraycopy(src, offset, bytes, position, len);
        position += len;
        return this;
    }

    ClientFrame put(byte b) {
        ensure(1);
        bytes[position++] = b;
        return this;
    }

    /** Appends a non-negative number in decimal. */
    ClientFrame putNumber(long value) {
        if (value < 10) {
            return put((byte) ('0' + value));
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        return putDigits(value, digits);
    }

    /** Appends a non-negative number as exactly {@code digits} decimal digits, zero-padded (or cut high). */
    ClientFrame putDigits(long value, int digits) {
        ensure(digits);
        long v = value;
        for (int i = position + digits - 1; i >= position; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        position += digits;
        return this;
    }

    int payloadLength() {
        return position - HEADER_ROOM;
    }

    /** The payload appended so far, unmasked (for tests). */
    byte[] payload() {
        return java.util.Arrays.copyOfRange(bytes, HEADER_ROOM, position);
    }

    /** Frames and masks the payload and returns it in a new buffer from {@code alloc}; the caller owns it. */
    ByteBuf finish(ByteBufAllocator alloc) {
        int length = payloadLength();
        int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        int start = HEADER_ROOM - (2 + lengthBytes + 4);
        int mask = masks.nextInt();
        if (mask == 0) {
            mask = 0x5EED5EED;
        }
        int h = start;
        bytes[h++] = (byte) OPCODE_TEXT_FINAL;
        if (lengthBytes == 0) {
            bytes[h++] = (byte) (MASKED | length);
        } else if (lengthBytes == 2) {
            bytes[h++] = (byte) (MASKED | 126);
            bytes[h++] = (byte) (length >>> 8);
            bytes[h++] = (byte) length;
        } else {
            bytes[h++] = (byte) (MASKED | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[h++] = (byte) ((long) length >>> shift);
            }
        }
        bytes[h++] = (byte) (mask >>> 24);
        bytes[h++] = (byte) (mask >>> 16);
        bytes[h++] = (byte) (mask >>> 8);
        bytes[h] = (byte) mask;
        mask(HEADER_ROOM, position, mask);
        ByteBuf out = alloc.directBuffer(position - start);
        out.writeBytes(bytes, start, position - start);
        return out;
    }

    /** XORs bytes [from, to) with the mask; byte k of the payload takes mask byte k % 4 (RFC 6455 5.3). */
    private void mask(int from, int to, int mask) {
        long wide = ((long) mask << 32) | (mask & 0xFFFFFFFFL);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ wide);
        }
        for (; i < to; i++) {
            bytes[i] ^= (byte) (mask >>> (24 - 8 * ((i - from) & 3)));
        }
    }

    private void ensure(int more) {
        if (position + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(position + more, bytes.length * 2));
        }
    }
}
