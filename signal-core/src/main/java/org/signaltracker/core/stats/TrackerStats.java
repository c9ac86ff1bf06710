package org.signaltracker.core.stats;

import java.util.Map;
import java.util.TreeMap;
import org.signaltracker.core.protocol.json.JsonWriter;
import org.signaltracker.core.tracker.SwarmTotals;
import org.signaltracker.core.tracker.TrackerCensus;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * The totals of bittorrent-tracker's {@code GET /stats.json}, member for member, without any info hash:
 * {@code torrents}, {@code activeTorrents}, {@code peersAll} (distinct peer ids), {@code peersSeederOnly},
 * {@code peersLeecherOnly}, {@code peersSeederAndLeecher}, {@code peersIPv4}, {@code peersIPv6} and
 * {@code clients: {name: {version: count}}}. Our store drops a swarm with its last peer, so
 * {@code torrents} and {@code activeTorrents} are equal (bittorrent-tracker keeps empty swarms forever).
 * Immutable.
 *
 * @param clients client name to version to distinct peer ids, sorted by name and version
 */
public record TrackerStats(long torrents, long activeTorrents, long peersAll, long peersSeederOnly,
        long peersLeecherOnly, long peersSeederAndLeecher, long peersIPv4, long peersIPv6,
        Map<String, Map<String, Long>> clients) {

    /** Version listed under client {@code unknown} for the ids past {@link LongCounts#MAX_KEYS} prefixes. */
    static final String OTHER_PREFIXES = "(other prefixes)";

    /**
     * Walks the core ({@link TrackerCensus}: one stripe lock at a time), O(memberships) in time and about 9
     * bytes per distinct peer id in memory; run it off the event loops.
     */
    public static TrackerStats of(TrackerCore core) {
        PeerTally tally = new PeerTally();
        TrackerCensus.visitPeers(core, tally);
        // Swarms come from a second pass, so a swarm created between the two is counted without its peers.
        SwarmTotals totals = TrackerCensus.totals(core);
        Map<String, Map<String, Long>> clients = new TreeMap<>();
        tally.prefixes().forEach((prefix, count) -> {
            ClientSoftware.Client client = ClientSoftware.of(prefix);
            clients.computeIfAbsent(client.name(), n -> new TreeMap<>()).merge(client.version(), count, Long::sum);
        });
        if (tally.prefixes().overflow() > 0) {
            clients.computeIfAbsent("unknown", n -> new TreeMap<>()).merge(OTHER_PREFIXES,
                    tally.prefixes().overflow(), Long::sum);
        }
        return new TrackerStats(totals.swarms(), totals.swarms(), tally.distinct(),
                tally.count(PeerTally.SEEDER, PeerTally.LEECHER), tally.count(PeerTally.LEECHER, PeerTally.SEEDER),
                tally.count(PeerTally.SEEDER | PeerTally.LEECHER, 0), tally.count(PeerTally.IPV4, 0),
                tally.count(PeerTally.IPV6, 0), clients);
    }

    /** The JSON object, with the member names and order of bittorrent-tracker's. */
    public byte[] toJson() {
        JsonWriter json = new JsonWriter();
        json.ascii("{\"torrents\":").number(torrents)
                .ascii(",\"activeTorrents\":").number(activeTorrents)
                .ascii(",\"peersAll\":").number(peersAll)
                .ascii(",\"peersSeederOnly\":").number(peersSeederOnly)
                .ascii(",\"peersLeecherOnly\":").number(peersLeecherOnly)
                .ascii(",\"peersSeederAndLeecher\":").number(peersSeederAndLeecher)
                .ascii(",\"peersIPv4\":").number(peersIPv4)
                .ascii(",\"peersIPv6\":").number(peersIPv6)
                .ascii(",\"clients\":{");
        boolean firstClient = true;
        for (Map.Entry<String, Map<String, Long>> client : clients.entrySet()) {
            json.ascii(firstClient ? "" : ",").string(client.getKey()).ascii(":{");
            firstClient = false;
            boolean firstVersion = true;
            for (Map.Entry<String, Long> version : client.getValue().entrySet()) {
                json.ascii(firstVersion ? "" : ",").string(version.getKey()).ascii(':').number(version.getValue());
                firstVersion = false;
            }
            json.ascii('}');
        }
        json.ascii("}}");
        return java.util.Arrays.copyOf(json.bytes(), json.size());
    }
}
