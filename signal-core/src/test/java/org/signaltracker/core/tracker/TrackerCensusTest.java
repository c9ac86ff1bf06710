package org.signaltracker.core.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.signaltracker.core.tracker.AnnounceEvent.COMPLETED;
import static org.signaltracker.core.tracker.AnnounceEvent.STARTED;
import static org.signaltracker.core.tracker.AnnounceEvent.STOPPED;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The census reads every stripe: swarm, seeder and leecher totals, and each membership once. */
class TrackerCensusTest {

    private final CoreFixture f = new CoreFixture();

    @Test
    void totalsFollowJoinsPromotionsAndLeaves() {
        assertEquals(new SwarmTotals(0, 0, 0), TrackerCensus.totals(f.core));
        TrackerConnection a = f.connect();
        TrackerConnection b = f.connect();
        for (int i = 0; i < 50; i++) {
            f.announce(a, "swarm" + i, "a", STARTED, 100, 0);
        }
        f.announce(b, "swarm0", "b", STARTED, 0, 0);
        assertEquals(new SwarmTotals(50, 1, 50), TrackerCensus.totals(f.core));
        f.announce(a, "swarm1", "a", COMPLETED, 0, 0);
        assertEquals(new SwarmTotals(50, 2, 49), TrackerCensus.totals(f.core));
        f.announce(a, "swarm2", "a", STOPPED, 100, 0);
        assertEquals(new SwarmTotals(49, 2, 48), TrackerCensus.totals(f.core));
        f.core.close(a);
        assertEquals(new SwarmTotals(1, 1, 0), TrackerCensus.totals(f.core));
        assertEquals(f.core.peerCount(), TrackerCensus.totals(f.core).peers());
    }

    @Test
    void visitPeersSeesEveryMembershipWithItsIdAndRole() {
        TrackerConnection a = f.connect();
        f.announce(a, "x", "-WW0103-aaaaaaaaaaaa", STARTED, 0, 0);
        f.announce(a, "y", "-WW0103-aaaaaaaaaaaa", STARTED, 100, 0);
        List<String> seen = new ArrayList<>();
        TrackerCensus.visitPeers(f.core, (high, middle, low, seeder, session) -> {
            byte[] id = new byte[20];
            for (int i = 0; i < 8; i++) {
                id[i] = (byte) (high >>> (56 - 8 * i));
                id[8 + i] = (byte) (middle >>> (56 - 8 * i));
            }
            for (int i = 0; i < 4; i++) {
                id[16 + i] = (byte) (low >>> (24 - 8 * i));
            }
            seen.add(new String(id, java.nio.charset.StandardCharsets.ISO_8859_1) + (seeder ? " seeder " : " leecher ")
                    + (session == a.session()));
        });
        seen.sort(null);
        assertEquals(List.of("-WW0103-aaaaaaaaaaaa leecher true", "-WW0103-aaaaaaaaaaaa seeder true"), seen);
    }
}
