package org.signaltracker.core.stats;

import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.tracker.PeerVisitor;

/**
 * Folds the census's memberships into distinct peer ids, as bittorrent-tracker's stats do: a peer id seeding
 * one swarm and leeching another is one peer, "seeder and leecher". Each distinct id keeps four flags
 * (seeder, leecher, IPv4, IPv6) and is counted once under its 8-byte client prefix.
 *
 * <p>Ids are keyed by a 64-bit mix of their 20 bytes in an open-addressing table of primitives: about 9 bytes
 * per distinct peer id at most three quarters full (36 MB for 2 million ids), far below a {@code HashMap} of
 * boxed keys. Two ids mixing to the same 64 bits would count as one; at 2 million ids the chance of that
 * happening at all is about 1 in 10^7. Not thread-safe: one per census, on the admin thread.
 */
final class PeerTally implements PeerVisitor {

    static final int SEEDER = 1;
    static final int LEECHER = 2;
    static final int IPV4 = 4;
    static final int IPV6 = 8;

    private long[] keys = new long[1024];
    private byte[] flags = new byte[1024];
    private int size;
    /** Distinct ids per client prefix (the first 8 bytes), filled when an id is first seen. */
    private final LongCounts prefixes = new LongCounts();

    @Override
    public void peer(long idHigh, long idMiddle, int idLow, boolean seeder, PeerSession session) {
        int bits = seeder ? SEEDER : LEECHER;
        if (session != null) {
            bits |= isIpv6(session.remoteAddress()) ? IPV6 : IPV4;
        }
        long key = mix(idHigh, idMiddle, idLow);
        int slot = slotOf(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            flags[slot] = (byte) bits;
            size++;
            prefixes.increment(idHigh);
            if (size * 4L > keys.length * 3L) {
                grow();
            }
        } else {
            flags[slot] |= (byte) bits;
        }
    }

    /** Distinct peer ids whose flags include every bit of {@code all} and none of {@code none}. */
    long count(int all, int none) {
        long n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && (flags[i] & all) == all && (flags[i] & none) == 0) {
                n++;
            }
        }
        return n;
    }

    int distinct() {
        return size;
    }

    LongCounts prefixes() {
        return prefixes;
    }

    /** {@code /1.2.3.4:5} has one colon; an IPv6 address, bracketed or not, has more. */
    static boolean isIpv6(String remoteAddress) {
        int first = remoteAddress.indexOf(':');
        return first >= 0 && remoteAddress.indexOf(':', first + 1) >= 0;
    }

    private int slotOf(long key) {
        int mask = keys.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[] oldFlags = flags;
        keys = new long[oldKeys.length * 2];
        flags = new byte[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                flags[slot] = oldFlags[i];
            }
        }
    }

    /** A 64-bit mix of the id (SplitMix64 finaliser over its parts); 0 marks an empty slot, so it is never returned. */
    static long mix(long high, long middle, int low) {
        long h = high * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 31) ^ middle) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27) ^ (low & 0xFFFFFFFFL)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }
}
