package org.signaltracker.core.config;

/**
 * Section {@code tracker}: the announce protocol's timing and the swarm store's shape.
 *
 * @param announceIntervalSeconds    sent as {@code interval}: how often clients re-announce
 * @param minAnnounceIntervalSeconds sent as {@code min interval}; a re-announce sooner than this gets its
 *                                   counts and a warning but relays no offers (started/stopped/completed always pass)
 * @param peerTimeoutSeconds         a peer that has not announced for this long is evicted by the sweep
 * @param sweepIntervalSeconds       time for the idle sweep to visit every stripe once
 * @param maxOffersPerAnnounce       offers relayed per announce at most; extra offers are dropped
 * @param maxScrapeHashes            info hashes in one scrape at most; more is refused
 * @param lockStripes                lock stripes of the swarm store; a power of two
 */
public record TrackerConfig(
        int announceIntervalSeconds,
        int minAnnounceIntervalSeconds,
        int peerTimeoutSeconds,
        int sweepIntervalSeconds,
        int maxOffersPerAnnounce,
        int maxScrapeHashes,
        int lockStripes) {

    public static TrackerConfig defaults() {
        return new TrackerConfig(120, 20, 240, 30, 10, 255, 256);
    }
}
