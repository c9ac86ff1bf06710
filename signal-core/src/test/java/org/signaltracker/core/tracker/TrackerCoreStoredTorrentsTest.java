package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.signaltracker.core.tracker.AnnounceEvent.COMPLETED;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.UPDATE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.error.TrackerError;

/** The core's two database ports: which hashes it serves, and the counts it starts from and reports. */
class TrackerCoreStoredTorrentsTest {

    /** Stored counts by name, and every report received, as "name:completed". */
    private static final class History implements TorrentHistory {
        final List<String> reports = new ArrayList<>();

        @Override
        public int storedDownloads(byte[] infoHash) {
            return Arrays.equals(infoHash, CoreFixture.id("stored")) ? 7 : 0;
        }

        @Override
        public void announced(byte[] infoHash, int completed) {
            reports.add(new String(infoHash, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1) + ":" + completed);
        }
    }

    private final History history = new History();
    private final Set<String> refused = Set.of("banned");
    private final CoreFixture f = new CoreFixture(
            infoHash -> refused.stream().noneMatch(name -> Arrays.equals(infoHash, CoreFixture.id(name))), history);

    @Test
    void aRefusedHashGetsTorrentNotAllowedAndNoSwarm() {
        AnnounceOutcome out = f.announce(f.connect(), "banned", "p", STARTED, 100, 2);
        assertEquals(TrackerError.TORRENT_NOT_ALLOWED, out.error);
        assertEquals(0, out.targetCount);
        assertEquals(0, f.core.swarmCount());
        assertEquals(List.of(), history.reports, "a refused announce is not activity");
        assertNull(f.announce(f.connect(), "served", "p", STARTED, 100, 0).error);
    }

    @Test
    void aScrapeOfARefusedHashReadsAllZeros() {
        ScrapeCounts counts = f.scrape("banned");
        assertEquals(0, counts.complete + counts.incomplete);
        assertEquals(0, counts.downloaded);
    }

    @Test
    void aNewSwarmStartsFromTheStoredDownloadsAndAScrapeWithoutASwarmReportsThem() {
        assertEquals(7, f.scrape("stored").downloaded, "no swarm yet: the stored count");
        TrackerConnection c = f.connect();
        f.announce(c, "stored", "p", STARTED, 100, 0);
        assertEquals(7, f.scrape("stored").downloaded);
        f.announce(c, "stored", "p", COMPLETED, 0, 0);
        assertEquals(8, f.scrape("stored").downloaded);
        assertEquals(0, f.scrape("other").downloaded);
    }

    @Test
    void activityIsReportedOncePerSwarmAndSecondUnlessADownloadCompleted() {
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        f.announce(a, "served", "a", STARTED, 100, 0);
        f.announce(b, "served", "b", STARTED, 100, 0);
        assertEquals(List.of("served:0"), history.reports, "the second announce in the same second is not news");
        f.announce(a, "served", "a", COMPLETED, 0, 0);
        assertEquals(List.of("served:0", "served:1"), history.reports, "a completion is always reported");
        f.clock.advanceSeconds(120);
        f.announce(b, "served", "b", UPDATE, 50, 0);
        assertEquals(List.of("served:0", "served:1", "served:0"), history.reports, "a later second is reported");
    }
}
