package org.signaltracker.core.config;

/**
 * Section {@code limits}: what one client, one swarm and the whole daemon may hold.
 *
 * @param maxSwarmsPerConnection swarm memberships one connection may register
 * @param maxPeersPerSwarm       peers in one swarm at most
 * @param maxPeers               peers in all swarms together at most
 * @param messagesPerSecond      sustained messages per second one connection may send
 * @param messageBurst           messages one connection may send at once above the sustained rate
 * @param maxConnections         open WebSocket and HTTP connections at most (plus a small reserve for health
 *                               checks); 0 means no limit. The server lowers it to fit the open-file limit
 */
public record LimitsConfig(
        int maxSwarmsPerConnection,
        int maxPeersPerSwarm,
        int maxPeers,
        int messagesPerSecond,
        int messageBurst,
        int maxConnections) {

    public static LimitsConfig defaults() {
        return new LimitsConfig(512, 10_000, 2_000_000, 50, 200, 100_000);
    }
}
