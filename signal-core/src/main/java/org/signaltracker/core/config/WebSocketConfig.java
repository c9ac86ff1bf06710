package org.signaltracker.core.config;

/**
 * Section {@code websocket}: frame limits, keep-alive and back-pressure of each connection.
 *
 * @param maxFrameBytes           largest accepted frame payload; larger closes with 1009
 * @param maxMessageBytes         largest accepted message after joining fragments; larger closes with 1009
 * @param pingIntervalSeconds     a server ping after this long without writing, so proxies keep the line
 * @param idleTimeoutSeconds      close a connection after this long without reading anything (pongs count);
 *                                keep it above {@code tracker.announceIntervalSeconds}
 * @param handshakeTimeoutSeconds an upgrade not completed within this is closed
 * @param writeBufferLowBytes     outbound bytes below which a paused peer becomes writable again
 * @param writeBufferHighBytes    outbound bytes above which relays to the peer are dropped and counted
 * @param unwritableCloseSeconds  a peer that stays above the high water mark this long is closed
 * @param unfinishedMessageTimeoutSeconds a frame or fragmented message still incomplete this long after its
 *                                first bytes closes the connection with 1008
 * @param maxHeldMegabytes        bytes all connections together may make the daemon hold (frames being read,
 *                                messages being joined, outbound queues); 0 derives it from the JVM's limits
 */
public record WebSocketConfig(
        int maxFrameBytes,
        int maxMessageBytes,
        int pingIntervalSeconds,
        int idleTimeoutSeconds,
        int handshakeTimeoutSeconds,
        int writeBufferLowBytes,
        int writeBufferHighBytes,
        int unwritableCloseSeconds,
        int unfinishedMessageTimeoutSeconds,
        int maxHeldMegabytes) {

    public static WebSocketConfig defaults() {
        return new WebSocketConfig(131_072, 131_072, 30, 180, 10, 32_768, 65_536, 30, 30, 0);
    }
}
