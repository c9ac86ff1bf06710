package org.signaltracker.bench.jmh;

import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.tracker.AddressAnnounce;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;

/**
 * Tracker settings for benchmarks: the rate limits are off so every operation does its full work, and the
 * limits are high enough for millions of memberships.
 */
final class BenchConfig {

    private BenchConfig() {
    }

    static TrackerConfig tracker() {
        TrackerConfig d = TrackerConfig.defaults();
        return new TrackerConfig(d.announceIntervalSeconds(), 0, d.peerTimeoutSeconds(), d.sweepIntervalSeconds(),
                d.maxOffersPerAnnounce(), d.maxScrapeHashes(), d.lockStripes());
    }

    /** The defaults, with frames and messages up to 1 MiB so every benchmark size fits. */
    static WebSocketConfig webSocket() {
        WebSocketConfig d = WebSocketConfig.defaults();
        return new WebSocketConfig(1 << 20, 1 << 20, d.pingIntervalSeconds(), d.idleTimeoutSeconds(),
                d.handshakeTimeoutSeconds(), d.writeBufferLowBytes(), d.writeBufferHighBytes(),
                d.unwritableCloseSeconds(), d.unfinishedMessageTimeoutSeconds(), d.maxHeldMegabytes());
    }

    /** The signaling defaults without the per-connection message budget, so every relay is done, not refused. */
    static SignalingConfig signaling() {
        SignalingConfig d = SignalingConfig.defaults();
        return new SignalingConfig(d.authMode(), d.hmacSecret(), d.adminToken(), d.clientVersions(), d.duplicateName(),
                10_000_000, 10_000_000, d.maxRoomMembers(), d.maxRoomsPerConnection(), d.keyedRoomIdleSeconds(),
                d.maxKeyedRoomsPerAddress(), d.maxKeyedRooms(), d.maxRegistrations(), d.registrationTtlSeconds(),
                d.reliableQueueBytes(), d.unidentifiedTimeoutSeconds());
    }

    /** The classic defaults without the min interval, so every address re-announce does its full work. */
    static ClassicConfig classic() {
        ClassicConfig d = ClassicConfig.defaults();
        return new ClassicConfig(d.http(), d.udp(), d.udpPort(), d.announceIntervalSeconds(), 0,
                d.peerTimeoutSeconds(), d.defaultNumWant(), d.maxNumWant(), d.maxScrapeHashes(),
                d.connectionIdSecret(), d.trustIpParameter(), d.httpKeepAliveSeconds(), d.udpReceiveBufferBytes());
    }

    /**
     * Sets a distinct IPv4 endpoint for peer {@code n} (up to 2^40 of them): the number's low 32 bits are the
     * address, its next 8 pick one of 256 ports from 1024.
     */
    static void endpoint(long n, AddressAnnounce request) {
        // Written in place: a benchmark's own allocations would show in its bytes per operation.
        request.address[0] = (byte) (n >>> 24);
        request.address[1] = (byte) (n >>> 16);
        request.address[2] = (byte) (n >>> 8);
        request.address[3] = (byte) n;
        request.addressLength = AddressAnnounce.IPV4_BYTES;
        request.port = 1024 + (int) ((n >>> 32) & 0xFF);
    }

    static LimitsConfig limits() {
        return new LimitsConfig(10_000_000, 10_000_000, 1_000_000_000, 10_000_000, 10_000_000, 0);
    }

    /** A 20-byte id: the number in its last bytes, a fixed prefix so ids look like real peer ids. */
    static byte[] id(long n, byte prefix) {
        byte[] id = new byte[20];
        id(n, prefix, id);
        return id;
    }

    /** Writes {@link #id(long, byte)} into {@code id} (20 bytes), allocating nothing. */
    static void id(long n, byte prefix, byte[] id) {
        id[0] = prefix;
        for (int i = 0; i < 8; i++) {
            id[19 - i] = (byte) (n >>> (8 * i));
        }
        // Spread bits so neighbouring numbers do not share hash prefixes more than random ids would.
        long mixed = n * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 8; i++) {
            id[1 + i] = (byte) (mixed >>> (8 * i));
        }
    }
}
