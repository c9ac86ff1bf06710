package org.signaltracker.core.protocol.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SipHash-2-4 against the published test vectors, and the 24-byte form against the general one. */
class SipHashTest {

    /** The reference key 00 01 .. 0f, as two little-endian words. */
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    private static byte[] counting(int length) {
        byte[] message = new byte[length];
        for (int i = 0; i < length; i++) {
            message[i] = (byte) i;
        }
        return message;
    }

    @Test
    void matchesThePapersExampleAndTheVectorOfTheEmptyMessage() {
        // Appendix A of the SipHash paper: the 15-byte message 00..0e.
        assertEquals(0xa129ca6149be45e5L, SipHash.hash(K0, K1, counting(15), 0, 15));
        // The reference vector for length 0: bytes 31 0e 0e dd 47 db 6f 72, read little-endian.
        assertEquals(0x726fdb47dd0e0e31L, SipHash.hash(K0, K1, new byte[0], 0, 0));
    }

    @Test
    void theThreeWordFormEqualsTheGeneralFormOverTheSameTwentyFourBytes() {
        SplittableRandom random = new SplittableRandom(15);
        byte[] bytes = new byte[24];
        for (int round = 0; round < 1000; round++) {
            long k0 = random.nextLong();
            long k1 = random.nextLong();
            long a = random.nextLong();
            long b = random.nextLong();
            long c = random.nextLong();
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (a >>> (8 * i));
                bytes[8 + i] = (byte) (b >>> (8 * i));
                bytes[16 + i] = (byte) (c >>> (8 * i));
            }
            assertEquals(SipHash.hash(k0, k1, bytes, 0, 24), SipHash.hash24(k0, k1, a, b, c));
        }
    }

    @Test
    void anyChangeOfKeyOrMessageChangesTheHash() {
        long base = SipHash.hash24(K0, K1, 1, 2, 3);
        assertNotEquals(base, SipHash.hash24(K0 ^ 1, K1, 1, 2, 3));
        assertNotEquals(base, SipHash.hash24(K0, K1 ^ (1L << 63), 1, 2, 3));
        assertNotEquals(base, SipHash.hash24(K0, K1, 1, 2, 4));
        assertNotEquals(base, SipHash.hash24(K0, K1, 0, 2, 3));
    }
}
