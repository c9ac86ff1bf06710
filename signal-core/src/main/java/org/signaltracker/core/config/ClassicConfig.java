package org.signaltracker.core.config;

/**
 * Section {@code classic}: the HTTP (BEP 3) and UDP (BEP 15) trackers that desktop BitTorrent clients
 * announce to, served from the same swarms as the WebSocket tracker. Immutable.
 *
 * @param http                       {@code on}: {@code GET /announce} and {@code GET /scrape} on the main
 *                                   port (and the TLS port) are the HTTP tracker; {@code off}: they answer 404
 * @param udp                        {@code on}: the UDP tracker listens on {@link #udpPort}
 * @param udpPort                    UDP port; 0 means the port number the main TCP listener got
 * @param announceIntervalSeconds    {@code interval} told to HTTP and UDP clients
 * @param minAnnounceIntervalSeconds {@code min interval}: an announce without an event sooner than this
 *                                   after the last is answered with counts only and changes nothing
 * @param peerTimeoutSeconds         an address peer silent this long is evicted by the sweep
 * @param defaultNumWant             peers returned when the client names no (or a negative) numwant
 * @param maxNumWant                 most peers one answer holds (UDP answers are capped lower by their size)
 * @param maxScrapeHashes            most info hashes one scrape may name
 * @param connectionIdSecret         key of the UDP connection ids; empty: a random key per process (ids die
 *                                   with a restart); the same value on several instances lets them accept
 *                                   each other's ids
 * @param trustIpParameter           {@code on}: an HTTP announce's {@code ip} parameter replaces the client
 *                                   address (for trackers behind a proxy that rewrites it; spoofable)
 * @param httpKeepAliveSeconds       how long an idle HTTP tracker connection is kept for its next request;
 *                                   0 closes it after every answer
 * @param udpReceiveBufferBytes      SO_RCVBUF of the UDP socket (the kernel caps it at net.core.rmem_max)
 */
public record ClassicConfig(
        String http,
        String udp,
        int udpPort,
        int announceIntervalSeconds,
        int minAnnounceIntervalSeconds,
        int peerTimeoutSeconds,
        int defaultNumWant,
        int maxNumWant,
        int maxScrapeHashes,
        String connectionIdSecret,
        String trustIpParameter,
        int httpKeepAliveSeconds,
        int udpReceiveBufferBytes) {

    public static final String ON = "on";
    public static final String OFF = "off";
    /** Shortest {@link #connectionIdSecret}: 32 characters of a random value carry enough key material. */
    public static final int MIN_SECRET_CHARS = 32;

    public static ClassicConfig defaults() {
        return new ClassicConfig(ON, ON, 0, 1800, 900, 2700, 50, 200, 64, "", OFF, 30, 4 << 20);
    }

    public boolean httpEnabled() {
        return ON.equals(http);
    }

    public boolean udpEnabled() {
        return ON.equals(udp);
    }

    public boolean ipParameterTrusted() {
        return ON.equals(trustIpParameter);
    }

    /** The numwant an answer uses: the default when absent or negative, never above the cap. */
    public int numWant(int requested) {
        int wanted = requested < 0 ? defaultNumWant : requested;
        return Math.min(wanted, maxNumWant);
    }
}
