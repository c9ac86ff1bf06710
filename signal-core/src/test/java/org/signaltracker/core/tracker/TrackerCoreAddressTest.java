package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.core.tracker.AnnounceEvent.COMPLETED;
import static org.signaltracker.core.tracker.AnnounceEvent.PAUSED;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.STOPPED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;

/** Address (HTTP/UDP) peers in the real core: identity, events, min interval, answers, caps and eviction. */
class TrackerCoreAddressTest {

    private static final int MIN_INTERVAL = 900;
    private static final int ADDRESS_TIMEOUT = 2700;

    private final CoreFixture f = new CoreFixture(CoreFixture.trackerWith(60, 300, 10), LimitsConfig.defaults(),
            CoreFixture.classicWith(MIN_INTERVAL, ADDRESS_TIMEOUT), TorrentAdmission.ALL, TorrentHistory.NONE);

    /** The ids in an answer, as the strings the fixture made them from. */
    private static Set<String> ids(AddressOutcome out) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < out.peerCount; i++) {
            ids.add(new String(out.peerIds, i * 20, 20, StandardCharsets.ISO_8859_1).replaceAll("-+$", ""));
        }
        assertEquals(out.peerCount, ids.size(), "a peer was returned twice");
        return ids;
    }

    /** The endpoints in an answer, as "address-bytes:port". */
    private static Set<String> endpoints(AddressOutcome out) {
        Set<String> endpoints = new HashSet<>();
        int entry = out.entryBytes();
        for (int i = 0; i < out.peerCount; i++) {
            byte[] address = Arrays.copyOfRange(out.endpoints, i * entry, i * entry + out.addressLength);
            int port = (out.endpoints[i * entry + out.addressLength] & 0xFF) << 8
                    | (out.endpoints[i * entry + out.addressLength + 1] & 0xFF);
            endpoints.add(Arrays.toString(address) + ":" + port);
        }
        return endpoints;
    }

    private static String endpoint(String ip, int port) {
        return Arrays.toString(CoreFixture.literal(ip)) + ":" + port;
    }

    private int sweepAll() {
        int evicted = 0;
        for (int i = 0; i < f.core.stripeCount(); i++) {
            evicted += f.core.sweepNextStripe();
        }
        return evicted;
    }

    @Test
    void startedJoinsAsLeecherCompletedCountsOnceAndStoppedLeaves() {
        AddressOutcome first = f.announceAddress("h", "a", "10.0.0.1", 6881, STARTED, 100, 50);
        assertNull(first.error);
        assertEquals(0, first.complete);
        assertEquals(1, first.incomplete);
        assertEquals(0, first.peerCount, "the only peer is the caller");

        AddressOutcome second = f.announceAddress("h", "b", "10.0.0.2", 6882, STARTED, 100, 50);
        assertEquals(2, second.incomplete);
        assertEquals(Set.of("a"), ids(second));
        assertEquals(Set.of(endpoint("10.0.0.1", 6881)), endpoints(second));

        AddressOutcome done = f.announceAddress("h", "a", "10.0.0.1", 6881, COMPLETED, 0, 50);
        assertEquals(1, done.complete);
        assertEquals(1, done.incomplete);
        assertEquals(1, done.downloaded);
        AddressOutcome again = f.announceAddress("h", "a", "10.0.0.1", 6881, COMPLETED, 0, 50);
        assertEquals(1, again.downloaded, "a repeated completed counts nothing");

        AddressOutcome stopped = f.announceAddress("h", "a", "10.0.0.1", 6881, STOPPED, 0, 50);
        assertEquals(0, stopped.peerCount, "a stopped announce gets no peers");
        assertEquals(0, stopped.complete);
        assertEquals(1, stopped.incomplete);
        assertEquals(1, stopped.downloaded);
        assertEquals(1, f.core.peerCount());
        assertEquals(1, f.core.addressPeerCount());
        assertEquals(2, f.metrics.addressPeersJoined.sum(), "re-announces are not joins");
        assertEquals(0, f.announceAddress("h", "b", "10.0.0.2", 6882, STARTED, 100, 50).peerCount);
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void aJoinWithCompletedIsASeederWithADownloadAndTheLastStopFreesTheSwarm() {
        AddressOutcome out = f.announceAddress("h", "a", "10.0.0.1", 6881, COMPLETED, 0, 50);
        assertEquals(1, out.complete);
        assertEquals(1, out.downloaded);
        f.announceAddress("h", "a", "10.0.0.1", 6881, STOPPED, 0, 50);
        assertEquals(0, f.core.swarmCount());
        assertEquals(0, f.core.peerCount());
        AddressOutcome unknown = f.announceAddress("h", "z", "10.0.0.9", 6881, STOPPED, 0, 50);
        assertNull(unknown.error);
        assertEquals(0, unknown.complete + unknown.incomplete);
        assertEquals(0, f.core.swarmCount(), "a stop of an unknown peer creates nothing");
    }

    @Test
    void anUpdateBeforeTheMinIntervalChangesNothing() {
        f.announceAddress("h", "b", "10.0.0.2", 6881, STARTED, 100, 50);
        f.announceAddress("h", "a", "10.0.0.1", 6881, STARTED, 100, 50);
        f.clock.advanceSeconds(MIN_INTERVAL - 1);
        AddressOutcome early = f.announceAddress("h", "a", "10.0.0.1", 6881, UPDATE, 0, 50);
        assertTrue(early.rateLimited);
        assertNull(early.error);
        assertEquals(0, early.peerCount, "counts only");
        assertEquals(0, early.complete, "left=0 was not applied");
        assertEquals(2, early.incomplete);
        assertTrue(f.announceAddress("h", "a", "10.0.0.1", 6881, PAUSED, 0, 50).rateLimited,
                "paused is an update");
        assertEquals(2, f.metrics.addressAnnouncesRateLimited.sum());
        assertEquals(0, f.metrics.rateLimitedAnnounces.sum(), "the WebSocket count is apart");

        f.clock.advanceSeconds(1);
        AddressOutcome due = f.announceAddress("h", "a", "10.0.0.1", 6881, UPDATE, 0, 50);
        assertFalse(due.rateLimited);
        assertEquals(1, due.complete);
        assertEquals(Set.of("b"), ids(due));
        // The interval runs from the last processed announce; events pass at once.
        assertTrue(f.announceAddress("h", "a", "10.0.0.1", 6881, UPDATE, 0, 50).rateLimited);
        AddressOutcome completed = f.announceAddress("h", "b", "10.0.0.2", 6881, COMPLETED, 0, 50);
        assertFalse(completed.rateLimited);
        assertEquals(2, completed.complete);
        assertFalse(f.announceAddress("h", "a", "10.0.0.1", 6881, STARTED, 5, 50).rateLimited);
        assertEquals(1, f.announceAddress("h", "c", "10.0.0.3", 6881, STARTED, 5, 50).complete);
    }

    @Test
    void thePeerIsItsEndpointNotItsId() {
        f.announceAddress("h", "old-id", "10.0.0.1", 6881, STARTED, 100, 50);
        // A restarted client: same endpoint, new id. Still one peer, now answered with the new id.
        AddressOutcome restarted = f.announceAddress("h", "new-id", "10.0.0.1", 6881, STARTED, 100, 50);
        assertEquals(1, restarted.incomplete);
        assertEquals(0, restarted.peerCount);
        assertEquals(Set.of("new-id"), ids(f.announceAddress("h", "x", "10.0.0.9", 6881, STARTED, 100, 50)));

        // The same id from another port (or address) is another peer, and cannot stop the first.
        f.announceAddress("h", "new-id", "10.0.0.1", 7000, STARTED, 100, 50);
        assertEquals(3, f.scrape("h").incomplete);
        f.announceAddress("h", "new-id", "10.0.0.1", 7000, STOPPED, 100, 50);
        AddressOutcome out = f.announceAddress("h", "y", "10.0.0.8", 6881, STARTED, 100, 50);
        assertEquals(Set.of(endpoint("10.0.0.1", 6881), endpoint("10.0.0.9", 6881)), endpoints(out));
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void familiesAreAnsweredApart() {
        f.announceAddress("h", "v4", "10.0.0.1", 6881, STARTED, 100, 50);
        f.announceAddress("h", "v6", "2001:db8::1", 6881, STARTED, 100, 50);
        AddressOutcome v4 = f.announceAddress("h", "v4b", "10.0.0.2", 6881, STARTED, 100, 50);
        assertEquals(AddressAnnounce.IPV4_BYTES, v4.addressLength);
        assertEquals(6, v4.entryBytes());
        assertEquals(Set.of("v4"), ids(v4));
        assertEquals(Set.of(endpoint("10.0.0.1", 6881)), endpoints(v4));
        assertEquals(3, v4.incomplete, "counts cover both families");

        AddressOutcome v6 = f.announceAddress("h", "v6b", "2001:db8::2", 51413, STARTED, 100, 50);
        assertEquals(AddressAnnounce.IPV6_BYTES, v6.addressLength);
        assertEquals(18, v6.entryBytes());
        assertEquals(Set.of("v6"), ids(v6));
        assertEquals(Set.of(endpoint("2001:db8::1", 6881)), endpoints(v6));
        assertEquals(4, v6.incomplete);

        // Same port, address bytes that agree in their first four: still different peers.
        f.announceAddress("h", "v6c", "0a00:0001::", 6881, STARTED, 100, 50);
        assertEquals(5, f.scrape("h").incomplete);
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void aSeederIsAnsweredWithLeechersOnlyAndALeecherWithBoth() {
        f.announceAddress("h", "s1", "10.0.0.1", 1, STARTED, 0, 50);
        f.announceAddress("h", "s2", "10.0.0.2", 1, STARTED, 0, 50);
        f.announceAddress("h", "l1", "10.0.0.3", 1, STARTED, 5, 50);
        f.announceAddress("h", "l2", "10.0.0.4", 1, STARTED, 5, 50);
        assertEquals(Set.of("l1", "l2"), ids(f.announceAddress("h", "s3", "10.0.0.5", 1, STARTED, 0, 50)));
        assertEquals(Set.of("s1", "s2", "s3", "l2"), ids(f.announceAddress("h", "l1", "10.0.0.3", 1, STARTED, 5, 50)));
        // A leecher that becomes a seeder is answered as one.
        assertEquals(Set.of("l1"), ids(f.announceAddress("h", "l2", "10.0.0.4", 1, COMPLETED, 0, 50)));
    }

    @Test
    void numWantAndCapacityBoundTheAnswerAndTheChoiceReachesEveryPeer() {
        for (int i = 0; i < 30; i++) {
            f.announceAddress("h", "p" + i, "10.0.1." + i, 6881, STARTED, 5, 50);
        }
        assertEquals(0, f.announceAddress("h", "p0", "10.0.1.0", 6881, STARTED, 5, 0).peerCount);
        assertEquals(7, ids(f.announceAddress("h", "p0", "10.0.1.0", 6881, STARTED, 5, 7)).size());
        assertEquals(29, ids(f.announceAddress("h", "p0", "10.0.1.0", 6881, STARTED, 5, 200)).size());
        AddressOutcome small = new AddressOutcome(3);
        f.core.announceAddress(CoreFixture.addressRequest("h", "p0", "10.0.1.0", 6881, STARTED, 5, 50), small);
        assertEquals(3, small.peerCount);
        Set<String> seen = new HashSet<>();
        // 2,000 single picks among 29 peers: a fair chooser misses one with probability below 1e-28.
        for (int round = 0; round < 2_000; round++) {
            seen.addAll(ids(f.announceAddress("h", "p0", "10.0.1.0", 6881, STARTED, 5, 1)));
        }
        assertEquals(29, seen.size());
        assertFalse(seen.contains("p0"), "the caller was returned to itself");
    }

    @Test
    void capsCountEveryKindOfPeer() {
        CoreFixture capped = new CoreFixture(TrackerConfig.defaults(), CoreFixture.limitsWith(10, 2, 3));
        capped.announce(capped.connect(), "h", "ws", STARTED, 5, 0);
        assertNull(capped.announceAddress("h", "a", "10.0.0.1", 1, STARTED, 5, 50).error);
        AddressOutcome full = capped.announceAddress("h", "b", "10.0.0.2", 1, STARTED, 5, 50);
        assertEquals(TrackerError.SWARM_FULL, full.error);
        assertEquals(2, full.incomplete, "a refusal still has the counts");
        assertNull(capped.announceAddress("h", "a", "10.0.0.1", 1, COMPLETED, 0, 50).error,
                "a member is not refused by a full swarm");
        assertNull(capped.announceAddress("g", "b", "10.0.0.2", 1, STARTED, 5, 50).error);
        assertEquals(TrackerError.TRACKER_FULL, capped.announceAddress("k", "c", "10.0.0.3", 1, STARTED, 5, 50).error);
        assertEquals(0, capped.scrape("k").incomplete);
        assertEquals(3, capped.core.peerCount());
        assertEquals(2, capped.core.addressPeerCount(), "the WebSocket peer is not an address peer");
        assertTrue(capped.core.countsConsistent());
    }

    @Test
    void aRefusedTorrentGetsTorrentNotAllowedAndNoSwarm() {
        CoreFixture policed = new CoreFixture(
                infoHash -> !Arrays.equals(infoHash, CoreFixture.id("banned")), TorrentHistory.NONE);
        AddressOutcome out = policed.announceAddress("banned", "a", "10.0.0.1", 1, STARTED, 5, 50);
        assertEquals(TrackerError.TORRENT_NOT_ALLOWED, out.error);
        assertEquals(0, out.peerCount);
        assertEquals(0, policed.core.swarmCount());
    }

    @Test
    void theSweepEvictsAddressPeersAfterTheClassicTimeout() {
        // WebSocket peers time out after 300 s here, address peers after 2700 s.
        f.announce(f.connect(), "h", "ws", STARTED, 5, 0);
        f.announceAddress("h", "quiet", "10.0.0.1", 1, STARTED, 5, 50);
        f.announceAddress("h", "busy", "10.0.0.2", 1, STARTED, 5, 50);
        f.clock.advanceSeconds(301);
        assertEquals(1, sweepAll(), "only the WebSocket peer is past its timeout");
        f.clock.advanceSeconds(ADDRESS_TIMEOUT - 301 - 100);
        f.announceAddress("h", "busy", "10.0.0.2", 1, UPDATE, 5, 50);
        f.clock.advanceSeconds(101);
        assertEquals(1, sweepAll());
        assertEquals(1, f.scrape("h").incomplete);
        assertEquals(2, f.metrics.peersEvicted.sum());
        f.clock.advanceSeconds(ADDRESS_TIMEOUT);
        assertEquals(1, sweepAll());
        assertEquals(0, f.core.swarmCount());
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void aWebSocketIdEqualToAnEncodedEndpointNeverMeetsThatEndpoint() {
        // 10.0.0.1:6881 as the address key packs it: address, zeros, port, family.
        byte[] encoded = new byte[20];
        encoded[0] = 10;
        encoded[3] = 1;
        encoded[16] = (byte) (6881 >>> 8);
        encoded[17] = (byte) 6881;
        encoded[19] = 4;
        AnnounceRequest request = new AnnounceRequest();
        System.arraycopy(CoreFixture.id("h"), 0, request.infoHash, 0, 20);
        System.arraycopy(encoded, 0, request.peerId, 0, 20);
        request.event = STARTED;
        request.left = 5;
        TrackerConnection ws = f.connect();
        AnnounceOutcome wsOut = new AnnounceOutcome(10);
        f.core.announce(ws, request, wsOut);
        assertNull(wsOut.error);

        AddressOutcome address = f.announceAddress("h", "a", "10.0.0.1", 6881, STARTED, 5, 50);
        assertNull(address.error);
        assertEquals(2, address.incomplete, "the endpoint joined as a peer of its own");
        assertEquals(0, address.peerCount);
        f.announceAddress("h", "a", "10.0.0.1", 6881, STOPPED, 5, 50);
        assertEquals(1, f.scrape("h").incomplete, "stopping the endpoint removed the WebSocket peer");

        f.announceAddress("h", "a", "10.0.0.1", 6881, STARTED, 5, 50);
        AnnounceOutcome other = new AnnounceOutcome(10);
        f.core.announce(f.connect(), request, other);
        assertEquals(TrackerError.PEER_ID_IN_USE, other.error, "the WebSocket id is still the first connection's");
        f.core.close(ws);
        assertEquals(1, f.scrape("h").incomplete, "closing the connection left the address peer");
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void theCensusSeesAddressPeersWithTheirPeerIds() {
        f.announce(f.connect(), "h", "ws", STARTED, 0, 0);
        f.announceAddress("h", "http", "10.0.0.1", 1, STARTED, 0, 50);
        f.announceAddress("h", "udp6", "::1", 1, STARTED, 5, 50);
        SwarmTotals totals = TrackerCensus.totals(f.core);
        assertEquals(1, totals.swarms());
        assertEquals(2, totals.seeders());
        assertEquals(1, totals.leechers());
        List<String> seen = new ArrayList<>();
        TrackerCensus.visitPeers(f.core, (high, middle, low, seeder, session) -> {
            byte[] id = new byte[20];
            new Peer(null, high, middle, low).copyKeyTo(id);
            seen.add(new String(id, StandardCharsets.ISO_8859_1).replaceAll("-+$", "") + (seeder ? "/s" : "/l")
                    + (session == null ? "" : "/ws"));
        });
        assertEquals(Set.of("ws/s/ws", "http/s", "udp6/l"), new HashSet<>(seen));
    }

    @Test
    void countsAndIndexesStayConsistentThroughManyRandomOperations() {
        SplittableRandom random = new SplittableRandom(11);
        for (int op = 0; op < 5_000; op++) {
            int n = random.nextInt(24);
            String ip = random.nextBoolean() ? "10.0.0." + n : "2001:db8::" + n;
            AnnounceEvent event = switch (random.nextInt(4)) {
                case 0 -> STARTED;
                case 1 -> COMPLETED;
                case 2 -> STOPPED;
                default -> UPDATE;
            };
            AddressOutcome out = f.announceAddress("h" + random.nextInt(2), "p" + n, ip, 6881, event,
                    random.nextInt(3), 50);
            assertTrue(out.peerCount <= 23);
            if (op % 100 == 0) {
                f.clock.advanceSeconds(MIN_INTERVAL);
                assertTrue(f.core.countsConsistent(), "inconsistent after op " + op);
            }
        }
        assertTrue(f.core.countsConsistent());
    }

    @Test
    void badAddressesAndPortsAreRefusedClearly() {
        AddressAnnounce request = CoreFixture.addressRequest("h", "a", "10.0.0.1", 0, STARTED, 5, 50);
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> f.core.announceAddress(request, new AddressOutcome(5)));
        assertTrue(port.getMessage().contains("port 0"), port.getMessage());
        request.port = 1;
        request.addressLength = 5;
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> f.core.announceAddress(request, new AddressOutcome(5)));
        assertTrue(length.getMessage().contains("address length 5"), length.getMessage());
        assertEquals(0, f.core.peerCount());
    }

    @Test
    void anAcceptedAnnounceIsReportedToTheHistoryWithItsCompletion() {
        List<String> reports = new ArrayList<>();
        CoreFixture recorded = new CoreFixture(TorrentAdmission.ALL, new TorrentHistory() {
            @Override
            public int storedDownloads(byte[] infoHash) {
                return 4;
            }

            @Override
            public void announced(byte[] infoHash, int completed) {
                reports.add("announced:" + completed);
            }
        });
        AddressOutcome stopped = recorded.announceAddress("h", "a", "10.0.0.1", 1, STOPPED, 5, 50);
        assertEquals(4, stopped.downloaded, "no swarm: the stored downloads");
        recorded.announceAddress("h", "a", "10.0.0.1", 1, STARTED, 5, 50);
        recorded.announceAddress("h", "a", "10.0.0.1", 1, COMPLETED, 0, 50);
        assertEquals(List.of("announced:0", "announced:1"), reports);
        assertEquals(5, recorded.scrape("h").downloaded);
    }
}
