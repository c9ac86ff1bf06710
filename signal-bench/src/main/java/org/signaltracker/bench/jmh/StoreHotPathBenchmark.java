package org.signaltracker.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.signaltracker.core.policy.PolicyMode;
import org.signaltracker.core.policy.TorrentPolicy;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PendingActivity;
import org.signaltracker.core.store.PolicyEntry;

/**
 * What the info-hash database will add to each announce once wired in: the allow-list decision
 * ({@code TorrentPolicy.permits}, half the probes listed) and recording the announce for the write-behind
 * writer ({@code PendingActivity.record}), over 10k and 1M torrents. Both must allocate nothing
 * ({@code gc.alloc.rate.norm} about 0 B/op with {@code -prof gc}). The pending table is filled at setup and
 * never drained here, as between two writes: draining (the writer thread's work) allocates the batch, and
 * would otherwise be counted against the announce.
 */
@State(Scope.Benchmark)
public class StoreHotPathBenchmark extends BenchmarkBase {

    @Param({"10000", "1000000"})
    public int torrents;

    TorrentPolicy policy;
    PendingActivity pending;
    byte[][] probes;
    int next;

    @Setup(Level.Trial)
    public void load() {
        SplittableRandom random = new SplittableRandom(17);
        List<PolicyEntry> entries = new ArrayList<>(torrents);
        probes = new byte[torrents][];
        for (int i = 0; i < torrents; i++) {
            byte[] hash = BenchConfig.id(i, (byte) 'H');
            probes[i] = hash;
            if (random.nextBoolean()) {
                entries.add(new PolicyEntry(InfoHash.of(hash), true, 0));
            }
        }
        policy = new TorrentPolicy(PolicyMode.ALLOW_LIST);
        policy.replaceAll(entries);
        pending = new PendingActivity(64);
        for (byte[] hash : probes) {
            pending.record(hash, 0, 1_700_000_000L);
        }
    }

    @Benchmark
    public boolean permits() {
        return policy.permits(probes[nextIndex()]);
    }

    @Benchmark
    public void record() {
        pending.record(probes[nextIndex()], 1, 1_700_000_000L);
    }

    private int nextIndex() {
        int i = next + 1;
        if (i == probes.length) {
            i = 0;
        }
        next = i;
        return i;
    }
}
