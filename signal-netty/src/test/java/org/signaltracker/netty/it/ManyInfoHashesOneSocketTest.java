package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One pooled browser socket carries announces for many torrents; every reply names its info hash. */
class ManyInfoHashesOneSocketTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void everyTorrentOnTheSocketGetsItsOwnReplyAndCloseRemovesThemAll() throws Exception {
        int torrents = 50;
        try (TestClient page = TestClient.connect(SERVER.uri("/announce"));
                TestClient other = TestClient.connect(SERVER.uri("/announce"))) {
            for (int i = 0; i < torrents; i++) {
                page.send(Wire.announce("t" + i, "page-peer", "started", 5));
            }
            Set<Object> hashes = new HashSet<>();
            for (int i = 0; i < torrents; i++) {
                Map<String, Object> reply = page.next();
                assertEquals("announce", reply.get("action"));
                hashes.add(reply.get("info_hash"));
            }
            assertEquals(torrents, hashes.size());
            other.send(Wire.announceWithOffer("t7", "other", "started", "o", "sdp"));
            other.next();
            Map<String, Object> offer = page.next();
            assertEquals(Wire.id("t7"), offer.get("info_hash"), "the relayed offer names its torrent");
            assertEquals(torrents + 1, SERVER.server().core().peerCount());
            page.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (SERVER.server().core().peerCount() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, SERVER.server().core().peerCount());
            assertEquals(1, SERVER.server().core().swarmCount());
        }
    }
}
