package org.signaltracker.core.protocol.udp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * Stateless UDP connection ids (BEP 15): an id is the SipHash-2-4 MAC, under a 128-bit key, of the client's
 * IP address and the number of the current one-minute epoch of the wall clock. Nothing is stored per
 * client: an id is checked by recomputing the MAC for the current epoch and the two before it, so an id
 * is accepted for at least two minutes after it was issued (what BEP 15 asks of trackers) and at most
 * three. An id from a later epoch is never accepted, so no id can be forged to live for ever.
 *
 * <p>Choices: the MAC covers the IP address only, not the port, as in aquatic and chihaya: BEP 15 ties the
 * id to the address, and a NAT that moves the client's port between connect and announce must not cost it
 * an announce. IPv4 addresses are taken in their IPv4-mapped IPv6 form, so a dual-stack socket's
 * {@code ::ffff:a.b.c.d} and {@code a.b.c.d} get the same id. The whole 64 bits are MAC (no timestamp in
 * the id), so guessing one succeeds with probability 2^-64 per try. The epoch comes from the wall clock,
 * not a monotonic one, so that instances sharing {@code classic.connectionIdSecret} accept each other's
 * ids.
 *
 * <p>Immutable and thread-safe: every event loop issues and checks ids with no shared mutable state.
 */
public final class ConnectionIds {

    /** Length of one epoch: an id issued in epoch e is accepted through epoch e + 2. */
    public static final long EPOCH_MILLIS = 60_000;
    /** The current epoch and the two before it. */
    static final int EPOCHS_ACCEPTED = 3;
    private static final long IPV4_MAPPED_LOW_PREFIX = 0xFFFFL << 32;

    private final long k0;
    private final long k1;
    private final LongSupplier wallClockMillis;

    ConnectionIds(long k0, long k1, LongSupplier wallClockMillis) {
        this.k0 = k0;
        this.k1 = k1;
        this.wallClockMillis = wallClockMillis;
    }

    /**
     * Ids keyed by {@code secret} ({@code classic.connectionIdSecret}): the 128-bit key is the first half of
     * the secret's SHA-256, so every instance given the same secret issues and accepts the same ids. An
     * empty secret gives a random key, and ids that die with the process.
     */
    public static ConnectionIds fromSecret(String secret, LongSupplier wallClockMillis) {
        byte[] key = new byte[16];
        if (secret.isEmpty()) {
            new SecureRandom().nextBytes(key);
        } else {
            System.arraycopy(sha256(secret.getBytes(StandardCharsets.UTF_8)), 0, key, 0, 16);
        }
        return new ConnectionIds(SipHash.littleEndian(key, 0, 8), SipHash.littleEndian(key, 8, 8), wallClockMillis);
    }

    /** The id for a client at the IP address in {@code address[0, length)} (4 or 16 bytes), valid from now. */
    public long issue(byte[] address, int length) {
        return mac(high(address, length), low(address, length), epoch());
    }

    /** Whether {@code id} was issued to the IP address in {@code address[0, length)} less than two to three minutes ago. */
    public boolean isValid(long id, byte[] address, int length) {
        long high = high(address, length);
        long low = low(address, length);
        long epoch = epoch();
        for (int i = 0; i < EPOCHS_ACCEPTED; i++) {
            if (mac(high, low, epoch - i) == id) {
                return true;
            }
        }
        return false;
    }

    private long epoch() {
        return Math.floorDiv(wallClockMillis.getAsLong(), EPOCH_MILLIS);
    }

    private long mac(long high, long low, long epoch) {
        return SipHash.hash24(k0, k1, high, low, epoch);
    }

    /** The first 64 bits of the address as a 128-bit number; 0 for IPv4 (mapped form). */
    private static long high(byte[] address, int length) {
        return length == 4 ? 0 : UdpWire.readLong(address, 0);
    }

    private static long low(byte[] address, int length) {
        return length == 4 ? IPV4_MAPPED_LOW_PREFIX | (UdpWire.readInt(address, 0) & 0xFFFF_FFFFL)
                : UdpWire.readLong(address, 8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
