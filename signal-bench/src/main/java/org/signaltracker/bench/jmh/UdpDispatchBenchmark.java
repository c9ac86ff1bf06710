package org.signaltracker.bench.jmh;

import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.udp.ConnectionIds;
import org.signaltracker.core.protocol.udp.UdpTrackerDispatcher;
import org.signaltracker.core.time.SystemClock;
import org.signaltracker.core.tracker.TorrentAdmission;
import org.signaltracker.core.tracker.TorrentHistory;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The UDP tracker's path for one datagram, without the socket: parse, connection id, the core, the reply
 * bytes ({@link UdpTrackerDispatcher#handle}). Swarms each hold {@value #PEERS_PER_SWARM} UDP peers; each
 * operation takes the next swarm and one of its peers re-announces without an event (min interval 0, so
 * every announce takes the full path and gets the other peers back), scrapes its hash, or connects. Run
 * with {@code -prof gc} to see that the path allocates nothing per datagram.
 */
@State(Scope.Thread)
public class UdpDispatchBenchmark extends BenchmarkBase {

    static final int PEERS_PER_SWARM = 10;
    private static final long PROTOCOL_ID = 0x41727101980L;

    @Param({"1000", "100000"})
    public int swarms;

    UdpTrackerDispatcher dispatcher;
    byte[][] addresses;
    long[] ids;
    byte[][] hashes;
    byte[][] peerIds;
    final byte[] connect = ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(7).array();
    final byte[] announce = new byte[98];
    final byte[] scrape = new byte[36];
    int next;

    @Setup(Level.Trial)
    public void populate() {
        ClassicConfig defaults = ClassicConfig.defaults();
        ClassicConfig classic = new ClassicConfig(defaults.http(), defaults.udp(), 0,
                defaults.announceIntervalSeconds(), 0, defaults.peerTimeoutSeconds(), 50, 200, 64,
                "a-benchmark-secret-of-thirty-two-characters", "off", 30, 4 << 20);
        TrackerCore core = new TrackerCore(BenchConfig.tracker(), BenchConfig.limits(), classic, SystemClock.INSTANCE,
                new TrackerMetrics(), TorrentAdmission.ALL, TorrentHistory.NONE);
        long now = System.currentTimeMillis();
        // A fixed wall clock: ids stay valid however long the run takes.
        ConnectionIds connectionIds = ConnectionIds.fromSecret(classic.connectionIdSecret(), () -> now);
        dispatcher = new UdpTrackerDispatcher(core, classic, connectionIds, new TrackerMetrics().udp);
        addresses = new byte[PEERS_PER_SWARM][];
        ids = new long[PEERS_PER_SWARM];
        peerIds = new byte[PEERS_PER_SWARM][];
        for (int p = 0; p < PEERS_PER_SWARM; p++) {
            addresses[p] = new byte[] {10, 8, 0, (byte) p};
            ids[p] = connectionIds.issue(addresses[p], 4);
            peerIds[p] = BenchConfig.id(p, (byte) 'P');
        }
        hashes = new byte[swarms][];
        ByteBuffer.wrap(announce).putLong(0).putInt(1).putInt(9).put(new byte[40]).putLong(0).putLong(100).putLong(0)
                .putInt(2).putInt(0).putInt(0).putInt(-1).putShort((short) 6881);
        ByteBuffer.wrap(scrape).putLong(0).putInt(2).putInt(9);
        for (int s = 0; s < swarms; s++) {
            hashes[s] = BenchConfig.id(s, (byte) 'U');
            for (int p = 0; p < PEERS_PER_SWARM; p++) {
                prepare(announce, ids[p], hashes[s]);
                System.arraycopy(peerIds[p], 0, announce, 36, 20);
                dispatcher.handle(announce, announce.length, addresses[p], 4);
            }
        }
        announce[83] = 0; // event none from now on
    }

    private static void prepare(byte[] packet, long connectionId, byte[] hash) {
        ByteBuffer.wrap(packet).putLong(0, connectionId);
        System.arraycopy(hash, 0, packet, 16, 20);
    }

    @Benchmark
    public int connect() {
        int p = (next++ & Integer.MAX_VALUE) % PEERS_PER_SWARM;
        return dispatcher.handle(connect, connect.length, addresses[p], 4);
    }

    @Benchmark
    public int announce() {
        int n = next++ & Integer.MAX_VALUE;
        int p = n % PEERS_PER_SWARM;
        prepare(announce, ids[p], hashes[n % swarms]);
        System.arraycopy(peerIds[p], 0, announce, 36, 20);
        return dispatcher.handle(announce, announce.length, addresses[p], 4);
    }

    @Benchmark
    public int scrape() {
        int n = next++ & Integer.MAX_VALUE;
        int p = n % PEERS_PER_SWARM;
        prepare(scrape, ids[p], hashes[n % swarms]);
        return dispatcher.handle(scrape, scrape.length, addresses[p], 4);
    }
}
