package org.signaltracker.bench.load;

import java.net.URI;

/**
 * What one load run does; every field has a documented default in {@link LoadOptions}. Immutable.
 *
 * @param url               the tracker, ws://127.x.x.x:PORT/...; anything outside 127.0.0.0/8 is refused
 * @param scenario          announce, relay, idle or signal
 * @param connections       client connections to open
 * @param durationSeconds   measured time after the warm-up
 * @param warmupSeconds     time after all connections are up before measuring starts
 * @param torrents          distinct info hashes to announce into
 * @param gammaShape        shape of the Gamma distribution that picks a torrent (skewed popularity)
 * @param gammaScale        scale of that distribution
 * @param seederShare       share of announces that are completed with left 0 (the rest started, left 50)
 * @param offersPerAnnounce offers in every announce of the announce scenario
 * @param sdpBytes          size of each offer's and answer's SDP text
 * @param roomShare         signal: share of connections that also join a room at start
 * @param roomSize          signal: members per room (rooms are filled in connection order)
 * @param sourceAddresses   client sockets bind to 127.0.0.1 .. 127.0.0.N in turn, so ephemeral ports last
 * @param ratePerSecond     0 for closed loop (send when the reply arrives); above 0, a fixed total rate
 * @param threads           event loop threads of the generator
 * @param spinWait          whether the event loops poll instead of sleeping (auto: in open loop only)
 * @param serverPid         pid of the tracker, to report its resident memory; 0 for none
 * @param histogramLog      file for the HdrHistogram interval log
 * @param seed              random seed, so runs are repeatable
 * @param churn             churn: how clients come and go (see {@link Churn})
 * @param classic           udp and http-*: the request mix and its pacing (see {@link Classic})
 */
public record LoadConfig(
        URI url,
        String scenario,
        int connections,
        int durationSeconds,
        int warmupSeconds,
        int torrents,
        double gammaShape,
        double gammaScale,
        double seederShare,
        int offersPerAnnounce,
        int sdpBytes,
        double roomShare,
        int roomSize,
        int sourceAddresses,
        int ratePerSecond,
        int threads,
        SpinWait spinWait,
        long serverPid,
        String histogramLog,
        long seed,
        Churn churn,
        Classic classic) {

    /** Whether idle event loops poll the network in a loop instead of sleeping in epoll_wait. */
    public enum SpinWait { AUTO, ON, OFF }

    /**
     * The churn scenario's client lives: each announces {@code lifeAnnounces} times on average, one every
     * {@code announceMillis}, and then leaves: {@code abruptShare} of them by closing the TCP connection
     * without a WebSocket close (half with a FIN, half with a reset), {@code silentShare} by going silent
     * (no more announces and no more reading, not even the server's pings, for {@code silentSeconds}), the
     * rest with a WebSocket close. Every client that leaves is replaced by a new one.
     */
    public record Churn(int lifeAnnounces, int announceMillis, double abruptShare, double silentShare,
            int silentSeconds) {
    }

    /**
     * The classic scenarios (udp, http-new, http-keepalive): each request is a connect, an announce or a
     * scrape, drawn by weight (UDP connects also come whenever a client's id expires or is refused).
     *
     * @param udpSockets          UDP client sockets, each its own source endpoint; the clients are spread over them
     * @param window              UDP requests in flight per socket
     * @param numWant             peers asked for per announce (-1: the tracker's default; stopped asks for 0)
     * @param scrapeHashes        info hashes per scrape
     * @param weightConnect       weight of extra UDP connects
     * @param weightAnnounce      weight of announces
     * @param weightScrape        weight of scrapes
     * @param connectionIdSeconds age at which a UDP client connects again (BEP 15 lets it use an id a minute)
     * @param timeoutMillis       a request unanswered this long is counted as a timeout and given up
     */
    public record Classic(int udpSockets, int window, int numWant, int scrapeHashes, int weightConnect,
            int weightAnnounce, int weightScrape, int connectionIdSeconds, int timeoutMillis) {
    }
}
