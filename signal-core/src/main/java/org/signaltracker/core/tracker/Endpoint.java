package org.signaltracker.core.tracker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An address peer's endpoint packed into the three key primitives of a {@link PackedKey}: the 16 address
 * bytes (an IPv4 address in the first 4, the rest zero) in the two longs, and the port and the family in
 * the int ({@code port << 16 | addressLength}). Address peers are looked up only in their family's own
 * table, never in the WebSocket peers' one, so an endpoint key that equals some WebSocket peer id does no
 * harm. Stateless.
 */
final class Endpoint {

    /** Big-endian views of a byte[]: one store per field instead of a loop of byte stores (an answer writes 50). */
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private Endpoint() {
    }

    /** The address bytes 0-7 (zero-padded past {@code length}). */
    static long high(byte[] address, int length) {
        return readLong(address, 0, length);
    }

    /** The address bytes 8-15 (zero for IPv4). */
    static long middle(byte[] address, int length) {
        return readLong(address, 8, length);
    }

    static int low(int port, int addressLength) {
        return (port & 0xFFFF) << 16 | addressLength;
    }

    static int addressLength(int low) {
        return low & 0xFFFF;
    }

    /** Writes the compact form: the address ({@link #addressLength} bytes) then the port, big-endian. */
    static void write(long high, long middle, int low, byte[] out, int at) {
        int length = addressLength(low);
        if (length == AddressAnnounce.IPV4_BYTES) {
            INT.set(out, at, (int) (high >>> 32));
        } else {
            LONG.set(out, at, high);
            LONG.set(out, at + 8, middle);
        }
        SHORT.set(out, at + length, (short) (low >>> 16));
    }

    private static long readLong(byte[] b, int at, int length) {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            v = v << 8 | (i < length ? b[i] & 0xFF : 0);
        }
        return v;
    }
}
