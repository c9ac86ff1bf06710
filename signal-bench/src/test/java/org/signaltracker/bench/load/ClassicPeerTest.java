package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A simulated client's announces follow a plausible life, and its requests follow the weights. */
class ClassicPeerTest {

    @Test
    void everyTorrentLifeStartsAndStopsAndOnlyLeechersComplete() {
        LoadConfig config = LoadOptions.parse(new String[] {"--scenario", "udp", "--seederShare", "0.5"});
        Map<ClassicPeer.Event, Integer> events = new EnumMap<>(ClassicPeer.Event.class);
        for (int client = 0; client < 50; client++) {
            ClassicPeer peer = new ClassicPeer(config, client);
            boolean started = false;
            long left = -1;
            for (int i = 0; i < 200; i++) {
                peer.nextAnnounce();
                events.merge(peer.announceEvent, 1, Integer::sum);
                switch (peer.announceEvent) {
                    case STARTED -> {
                        assertTrue(!started, "started twice without a stop");
                        started = true;
                        left = peer.announceLeft;
                        assertEquals(config.classic().numWant(), peer.announceNumWant);
                    }
                    case COMPLETED -> {
                        assertTrue(started && left > 0, "only a leecher completes");
                        assertEquals(0, peer.announceLeft);
                        left = 0;
                    }
                    case STOPPED -> {
                        assertTrue(started);
                        assertEquals(0, peer.announceNumWant, "a stopping client wants no peers");
                        started = false;
                    }
                    case NONE -> assertTrue(started);
                }
                assertTrue(peer.announceTorrent >= 0 && peer.announceTorrent < config.torrents());
            }
        }
        int starts = events.get(ClassicPeer.Event.STARTED);
        double perLife = 50 * 200.0 / starts;
        assertTrue(perLife > ClassicPeer.MEAN_ANNOUNCES_PER_TORRENT - 1.5
                && perLife < ClassicPeer.MEAN_ANNOUNCES_PER_TORRENT + 1.5, "announces per torrent " + perLife);
        assertTrue(events.get(ClassicPeer.Event.COMPLETED) > 0);
        assertTrue(events.get(ClassicPeer.Event.NONE) > starts, "plain updates dominate");
    }

    @Test
    void requestsFollowTheWeightsAndAnUnconnectedUdpClientConnects() {
        LoadConfig config = LoadOptions.parse(new String[] {"--scenario", "udp", "--weightConnect", "0",
            "--weightAnnounce", "80", "--weightScrape", "20"});
        ClassicPeer peer = new ClassicPeer(config, 3);
        Map<ClassicPeer.Kind, Integer> kinds = new EnumMap<>(ClassicPeer.Kind.class);
        for (int i = 0; i < 10_000; i++) {
            kinds.merge(peer.nextKind(true, true), 1, Integer::sum);
            assertEquals(ClassicPeer.Kind.CONNECT, peer.nextKind(false, true));
        }
        assertEquals(null, kinds.get(ClassicPeer.Kind.CONNECT));
        assertTrue(kinds.get(ClassicPeer.Kind.SCRAPE) > 1_700 && kinds.get(ClassicPeer.Kind.SCRAPE) < 2_300, kinds.toString());
        LoadConfig scrapesOnly = LoadOptions.parse(new String[] {"--scenario", "http-new", "--weightConnect", "50",
            "--weightAnnounce", "0", "--weightScrape", "1"});
        ClassicPeer http = new ClassicPeer(scrapesOnly, 3);
        for (int i = 0; i < 100; i++) {
            assertEquals(ClassicPeer.Kind.SCRAPE, http.nextKind(false, false), "HTTP has no connect request");
        }
    }
}
