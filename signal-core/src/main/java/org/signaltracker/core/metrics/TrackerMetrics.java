package org.signaltracker.core.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.signaltracker.core.error.TrackerError;

/**
 * Counters shared by every event loop. {@link LongAdder} keeps increments contention-free on the hot
 * path; readers (logs, the metrics endpoint at scrape time) sum them. Thread-safe.
 */
public final class TrackerMetrics {

    public final LongAdder messagesReceived = new LongAdder();
    public final LongAdder announces = new LongAdder();
    public final LongAdder answers = new LongAdder();
    public final LongAdder scrapes = new LongAdder();
    /** Announce responses sent (a failure instead of a response is counted by its error). */
    public final LongAdder announceResponses = new LongAdder();
    public final LongAdder scrapeResponses = new LongAdder();
    public final LongAdder offersRelayed = new LongAdder();
    public final LongAdder answersRelayed = new LongAdder();
    /** Valid answers whose offerer has left the swarm since it offered: dropped quietly, as peers come and go. */
    public final LongAdder answersUnroutable = new LongAdder();
    /** Relays not sent because the receiver was over its high water mark or already closed. */
    public final LongAdder relaysDropped = new LongAdder();
    /** Offers not sent to a peer because it already had the maximum of other peers' offers in flight. */
    public final LongAdder offersReceiverBusy = new LongAdder();
    public final LongAdder rateLimitedAnnounces = new LongAdder();
    /** Address (HTTP/UDP) announces without an event sooner than classic.minAnnounceIntervalSeconds. */
    public final LongAdder addressAnnouncesRateLimited = new LongAdder();
    /** Address (HTTP/UDP) peers that joined a swarm (an endpoint new to it). */
    public final LongAdder addressPeersJoined = new LongAdder();
    public final LongAdder peersEvicted = new LongAdder();
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder connectionsClosed = new LongAdder();
    /** Connections closed because they stayed unwritable too long. */
    public final LongAdder slowConsumersClosed = new LongAdder();
    /** Connections closed (1013) because the daemon was over its held-bytes budget and they held the most. */
    public final LongAdder connectionsShed = new LongAdder();
    /** Upgrades refused (503) because the daemon was near its held-bytes budget. */
    public final LongAdder upgradesRefusedForMemory = new LongAdder();
    /** Close frames with an invalid code or a reason that is not UTF-8, answered with 1002. */
    public final LongAdder invalidCloseFrames = new LongAdder();
    /** The UDP tracker's own counters (datagrams, replies, drops). */
    public final UdpMetrics udp = new UdpMetrics();

    /** HTTP tracker requests on {@code /announce} (every one, refused or not). */
    public final LongAdder httpAnnounces = new LongAdder();
    /** HTTP tracker requests on {@code /scrape}. */
    public final LongAdder httpScrapes = new LongAdder();
    /** HTTP announces answered with peers or counts (a failure instead is counted by its error). */
    public final LongAdder httpAnnounceResponses = new LongAdder();
    public final LongAdder httpScrapeResponses = new LongAdder();

    private final LongAdder[] failures = new LongAdder[TrackerError.values().length];
    private final LongAdder[] httpFailures = new LongAdder[TrackerError.values().length];

    public TrackerMetrics() {
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new LongAdder();
            httpFailures[i] = new LongAdder();
        }
    }

    /** A {@code failure reason} sent by the HTTP tracker. */
    public void countHttpFailure(TrackerError error) {
        httpFailures[error.ordinal()].increment();
    }

    public long httpFailures(TrackerError error) {
        return httpFailures[error.ordinal()].sum();
    }

    /** A failure sent to a WebSocket client. */
    public void countFailure(TrackerError error) {
        failures[error.ordinal()].increment();
    }

    public long failures(TrackerError error) {
        return failures[error.ordinal()].sum();
    }
}
