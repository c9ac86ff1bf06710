package org.signaltracker.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PolicyEntry;

/** The three policies decided from the in-memory standings, which follow loads and local changes. */
class TorrentPolicyTest {

    private static final InfoHash ALLOWED = hash(1);
    private static final InfoHash DENIED = hash(2);
    private static final InfoHash UNLISTED = hash(3);

    static InfoHash hash(int n) {
        byte[] bytes = new byte[InfoHash.BYTES];
        bytes[0] = (byte) n;
        bytes[19] = (byte) 0xFF;
        return InfoHash.of(bytes);
    }

    private static TorrentPolicy loaded(PolicyMode mode) {
        TorrentPolicy policy = new TorrentPolicy(mode);
        policy.replaceAll(List.of(new PolicyEntry(ALLOWED, true, 0), new PolicyEntry(DENIED, false, 0)));
        return policy;
    }

    @Test
    void openTracksEverything() {
        TorrentPolicy policy = loaded(PolicyMode.OPEN);
        assertTrue(policy.permits(ALLOWED) && policy.permits(DENIED) && policy.permits(UNLISTED));
        assertTrue(PolicyMode.OPEN.recordsUnknownTorrents());
    }

    @Test
    void allowListTracksOnlyAllowedHashes() {
        TorrentPolicy policy = loaded(PolicyMode.ALLOW_LIST);
        assertTrue(policy.permits(ALLOWED));
        assertFalse(policy.permits(DENIED));
        assertFalse(policy.permits(UNLISTED));
        assertFalse(PolicyMode.ALLOW_LIST.recordsUnknownTorrents());
    }

    @Test
    void denyListTracksEverythingButDeniedHashes() {
        TorrentPolicy policy = loaded(PolicyMode.DENY_LIST);
        assertTrue(policy.permits(ALLOWED));
        assertFalse(policy.permits(DENIED));
        assertTrue(policy.permits(UNLISTED));
    }

    @Test
    void localChangesApplyAtOnceAndAReloadReplacesEverything() {
        TorrentPolicy policy = loaded(PolicyMode.ALLOW_LIST);
        policy.set(UNLISTED, true);
        policy.set(ALLOWED, false);
        assertTrue(policy.permits(UNLISTED));
        assertFalse(policy.permits(ALLOWED));
        policy.forget(UNLISTED);
        assertFalse(policy.permits(UNLISTED));
        assertEquals(2, policy.size());
        policy.replaceAll(List.of(new PolicyEntry(DENIED, true, 0)));
        assertTrue(policy.permits(DENIED));
        assertFalse(policy.permits(ALLOWED));
        assertEquals(1, policy.size());
    }

    @Test
    void manyStandingsLookUpRightAndWithoutAllocating() {
        Random random = new Random(11);
        List<PolicyEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            byte[] h = new byte[InfoHash.BYTES];
            random.nextBytes(h);
            entries.add(new PolicyEntry(InfoHash.of(h), i % 2 == 0, 0));
        }
        TorrentPolicy policy = new TorrentPolicy(PolicyMode.ALLOW_LIST);
        policy.replaceAll(entries);
        byte[][] probes = new byte[2_000][];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = i % 2 == 0 ? entries.get(i).infoHash().toBytes() : new byte[InfoHash.BYTES];
            if (i % 2 == 1) {
                random.nextBytes(probes[i]);
            }
        }
        int permitted = 0;
        for (byte[] probe : probes) {
            permitted += policy.permits(probe) ? 1 : 0; // warm up
        }
        long before = allocatedBytes();
        for (int round = 0; round < 10; round++) {
            for (byte[] probe : probes) {
                permitted += policy.permits(probe) ? 1 : 0;
            }
        }
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 1024, "20,000 lookups allocated " + allocated + " bytes");
        assertEquals(11 * 1_000, permitted, "every even (allowed) entry, no random miss");
    }

    @Test
    void policyNamesReadAsInTheConfig() {
        assertEquals(PolicyMode.ALLOW_LIST, PolicyMode.fromConfigName("allow-list"));
        assertEquals("deny-list", PolicyMode.DENY_LIST.configName());
        assertEquals("policy: closed (expected: one of open, allow-list, deny-list)",
                assertThrows(IllegalArgumentException.class, () -> PolicyMode.fromConfigName("closed")).getMessage());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
