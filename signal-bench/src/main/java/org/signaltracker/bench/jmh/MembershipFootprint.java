package org.signaltracker.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.AddressAnnounce;
import org.signaltracker.core.tracker.AddressOutcome;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceOutcome;
import org.signaltracker.core.tracker.AnnounceRequest;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * Measures the heap one swarm membership costs with 1M memberships, for three swarm shapes: 1M swarms of
 * one peer (the worst case: every membership pays for a swarm), 100k swarms of 10, and 1k swarms of 1000.
 * Two kinds: WebSocket memberships, which come from 1000 connections as from many clients (the connections
 * themselves are counted separately), and address (HTTP/UDP) memberships, one IPv4 endpoint each.
 * Run: java -cp signal-bench/target/benchmarks.jar org.signaltracker.bench.jmh.MembershipFootprint
 * [websocket|address] (both when no kind is named).
 */
public final class MembershipFootprint {

    private static final int MEMBERSHIPS = 1_000_000;
    private static final int CONNECTIONS = 1000;

    private MembershipFootprint() {
    }

    public static void main(String[] args) {
        System.out.printf("JVM: %s %s, heap max %d MiB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        String kind = args.length > 0 ? args[0] : "both";
        if (!kind.equals("both") && !kind.equals("websocket") && !kind.equals("address")) {
            throw new IllegalArgumentException("kind " + kind + " (expected: websocket, address or nothing)");
        }
        int[][] shapes = {{1_000_000, 1}, {100_000, 10}, {1_000, 1_000}};
        if (!kind.equals("address")) {
            System.out.println("WebSocket memberships:");
            for (int[] shape : shapes) {
                measure(shape[0], shape[1]);
            }
        }
        if (!kind.equals("websocket")) {
            System.out.println("Address (HTTP/UDP, IPv4) memberships:");
            for (int[] shape : shapes) {
                measureAddress(shape[0], shape[1]);
            }
        }
    }

    private static void measureAddress(int swarms, int peersPerSwarm) {
        long before = usedHeapAfterGc();
        TrackerCore core = new TrackerCore(BenchConfig.tracker(), BenchConfig.limits(), new ManualClock(),
                new TrackerMetrics());
        AddressAnnounce request = new AddressAnnounce();
        AddressOutcome out = new AddressOutcome(10);
        long peer = 0;
        for (int s = 0; s < swarms; s++) {
            byte[] hash = BenchConfig.id(s, (byte) 'H');
            for (int p = 0; p < peersPerSwarm; p++, peer++) {
                request.reset();
                System.arraycopy(hash, 0, request.infoHash, 0, 20);
                System.arraycopy(BenchConfig.id(peer, (byte) 'P'), 0, request.peerId, 0, 20);
                BenchConfig.endpoint(peer, request);
                request.event = AnnounceEvent.STARTED;
                request.left = p % 2;
                out.reset();
                core.announceAddress(request, out);
            }
        }
        long after = usedHeapAfterGc();
        if (core.addressPeerCount() != MEMBERSHIPS) {
            throw new IllegalStateException("expected " + MEMBERSHIPS + " memberships, have "
                    + core.addressPeerCount());
        }
        System.out.printf("%,9d swarms x %,5d peers: %6.1f bytes of heap per membership (%,d bytes in all)%n",
                swarms, peersPerSwarm, (after - before) / (double) MEMBERSHIPS, after - before);
        java.lang.ref.Reference.reachabilityFence(core);
    }

    private static void measure(int swarms, int peersPerSwarm) {
        long before = usedHeapAfterGc();
        TrackerCore core = new TrackerCore(BenchConfig.tracker(), BenchConfig.limits(), new ManualClock(),
                new TrackerMetrics());
        TrackerConnection[] connections = new TrackerConnection[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            connections[i] = core.openConnection(new DiscardingSession());
        }
        long withConnections = usedHeapAfterGc();
        AnnounceRequest request = new AnnounceRequest();
        AnnounceOutcome out = new AnnounceOutcome(10);
        long peer = 0;
        for (int s = 0; s < swarms; s++) {
            byte[] hash = BenchConfig.id(s, (byte) 'H');
            for (int p = 0; p < peersPerSwarm; p++, peer++) {
                request.reset();
                System.arraycopy(hash, 0, request.infoHash, 0, 20);
                System.arraycopy(BenchConfig.id(peer, (byte) 'P'), 0, request.peerId, 0, 20);
                request.event = AnnounceEvent.STARTED;
                request.left = p % 2;
                out.reset();
                core.announce(connections[(int) (peer % CONNECTIONS)], request, out);
            }
        }
        long after = usedHeapAfterGc();
        if (core.peerCount() != MEMBERSHIPS) {
            throw new IllegalStateException("expected " + MEMBERSHIPS + " memberships, have " + core.peerCount());
        }
        System.out.printf("%,9d swarms x %,5d peers: %6.1f bytes of heap per membership (%,d bytes in all; "
                + "%,d bytes per empty connection)%n", swarms, peersPerSwarm,
                (after - withConnections) / (double) MEMBERSHIPS, after - withConnections,
                (withConnections - before) / CONNECTIONS);
        java.lang.ref.Reference.reachabilityFence(core);
        java.lang.ref.Reference.reachabilityFence(connections);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
