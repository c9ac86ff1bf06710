package org.signaltracker.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceOutcome;
import org.signaltracker.core.tracker.AnnounceRequest;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/** bittorrent-tracker's totals over distinct peer ids, address families and clients, and their JSON. */
class TrackerStatsTest {

    private final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(),
            new ManualClock(), new TrackerMetrics());

    private record Session(long id, String remoteAddress) implements PeerSession {
        @Override
        public boolean send(byte[] bytes, int offset, int length) {
            return true;
        }

        @Override
        public void close(int closeCode, String reason) {
        }
    }

    private TrackerConnection connect(String address) {
        return core.openConnection(new Session(address.hashCode(), address));
    }

    private void announce(TrackerConnection from, String infoHash, String peerId, long left) {
        AnnounceRequest request = new AnnounceRequest();
        System.arraycopy(id(infoHash), 0, request.infoHash, 0, 20);
        System.arraycopy(id(peerId), 0, request.peerId, 0, 20);
        request.event = AnnounceEvent.STARTED;
        request.left = left;
        AnnounceOutcome out = new AnnounceOutcome(10);
        core.announce(from, request, out);
        assertEquals(null, out.error);
    }

    private static byte[] id(String name) {
        byte[] out = new byte[20];
        byte[] raw = name.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 20; i++) {
            out[i] = i < raw.length ? raw[i] : (byte) '-';
        }
        return out;
    }

    @Test
    void distinctPeersRolesFamiliesAndClients() {
        TrackerConnection v4 = connect("/192.0.2.1:5000");
        TrackerConnection v6 = connect("/[2001:db8:0:0:0:0:0:1]:5000");
        announce(v4, "a", "-WW0103-one", 0);
        announce(v4, "b", "-WW0103-one", 0);
        announce(v6, "a", "-WW0200-two", 100);
        announce(v6, "b", "-TR4050-three", 0);
        announce(v6, "c", "-TR4050-three", 100);
        announce(v4, "c", "unknown-client-id", 100);

        TrackerStats stats = TrackerStats.of(core);
        assertEquals(3, stats.torrents());
        assertEquals(3, stats.activeTorrents());
        assertEquals(4, stats.peersAll());
        assertEquals(1, stats.peersSeederOnly());
        assertEquals(2, stats.peersLeecherOnly());
        assertEquals(1, stats.peersSeederAndLeecher());
        assertEquals(2, stats.peersIPv4());
        assertEquals(2, stats.peersIPv6());
        assertEquals(Map.of("WebTorrent", Map.of("1.3", 1L, "2.0", 1L), "Transmission", Map.of("4.05", 1L),
                "unknown", Map.of("unknown-", 1L)), stats.clients());
    }

    @Test
    void jsonHasBittorrentTrackersMembersInOrder() {
        announce(connect("/192.0.2.1:5000"), "a", "-WW0103-one", 0);
        String json = new String(TrackerStats.of(core).toJson(), StandardCharsets.UTF_8);
        assertEquals("{\"torrents\":1,\"activeTorrents\":1,\"peersAll\":1,\"peersSeederOnly\":1,\"peersLeecherOnly\":0,"
                + "\"peersSeederAndLeecher\":0,\"peersIPv4\":1,\"peersIPv6\":0,\"clients\":{\"WebTorrent\":{\"1.3\":1}}}",
                json);
    }

    @Test
    void anEmptyStoreHasNoClients() {
        assertTrue(new String(TrackerStats.of(core).toJson(), StandardCharsets.UTF_8).endsWith("\"clients\":{}}"));
    }

    @Test
    void manyRandomPrefixesAreCappedAndCountedTogether() {
        int ids = LongCounts.MAX_KEYS + 10;
        TrackerConnection c = null;
        for (int i = 0; i < ids; i++) {
            if (i % 500 == 0) {
                c = connect("/192.0.2.1:" + i); // limits.maxSwarmsPerConnection is 512
            }
            announce(c, "s" + (i % 100), String.format("%08d-peer", i), 100);
        }
        TrackerStats stats = TrackerStats.of(core);
        assertEquals(ids, stats.peersAll());
        Map<String, Long> unknown = stats.clients().get("unknown");
        assertEquals(LongCounts.MAX_KEYS + 1, unknown.size());
        assertEquals(10L, unknown.get(TrackerStats.OTHER_PREFIXES));
    }
}
