package org.signaltracker.bench.attack;

import java.net.InetSocketAddress;

/**
 * One attack run's settings, parsed and range-checked by {@link AttackOptions}; the target is always on
 * 127.0.0.0/8. Immutable.
 */
record AttackConfig(
        InetSocketAddress target,
        long pid,
        int caseNumber,
        int seconds,
        int settleSeconds,
        int sourceAddresses,
        int rssLimitMiB,
        int bystanderTimeoutSeconds,
        String daemonLog,
        int pingBatch,
        int messageConnections,
        int messageBytes,
        int fragmentBytes,
        int swarms,
        int offerSdpBytes,
        int victimReceiveBufferBytes,
        int pipelinedRequests,
        int frameConnections,
        int frameBytes,
        int frameSentBytes,
        int bodyConnections,
        int maxLogLines) {
}
