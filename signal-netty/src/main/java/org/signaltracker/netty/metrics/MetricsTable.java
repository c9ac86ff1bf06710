package org.signaltracker.netty.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.signaltracker.core.access.AccessRefusal;
import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TlsMetrics;
import org.signaltracker.core.metrics.UdpMetrics;
import org.signaltracker.core.protocol.signaling.SignalingType;
import org.signaltracker.netty.metrics.MetricDefinition.Sample;
import org.signaltracker.netty.metrics.MetricDefinition.Type;

/**
 * The one table of every metric the daemon exports: name, type, help text and the class that counts it.
 * The README's metric table is this table. Values are the existing {@code LongAdder}s and atomics, read at
 * scrape time; the swarm totals come from a census per scrape ({@link ScrapeCensus}); the message
 * handling histogram ({@link MessageTimings}) and the JVM's metrics are registered beside these rows by
 * {@link MetricsExport}.
 *
 * <p>Adding a table of counters indexed by an enum (for example TLS handshake outcomes) is one row:
 * {@code byEnum("signaltracker_tls_handshakes", "...", "TlsMetrics", "outcome", TlsOutcome.values(), tls::count)}.
 * Stateless.
 */
public final class MetricsTable {

    private MetricsTable() {
    }

    static List<MetricDefinition> of(MetricSources s, ScrapeCensus census) {
        return List.of(
                // Connections.
                gauge("signaltracker_connections_open", "Open TCP connections on the main port, HTTP and WebSocket.",
                        "ConnectionLimiter", () -> s.connections().openConnections()),
                counter("signaltracker_connections_accepted", "TCP connections admitted on the main port.",
                        "ConnectionLimiter", () -> s.connections().acceptedConnections()),
                counter("signaltracker_connections_refused", "TCP connections closed at once: connection limit and "
                        + "its health-check reserve were full.", "ConnectionLimiter",
                        () -> s.connections().refusedConnections()),
                gauge("signaltracker_websockets_open", "Open WebSocket connections, every protocol.",
                        "LoopResourceTable", () -> s.loops().openWebSockets()),
                counter("signaltracker_websockets_opened", "WebSocket handshakes completed, every protocol.",
                        "LoopResourceTable", () -> s.loops().openedWebSockets()),
                byLabel("signaltracker_websockets_closed_by_server", Type.COUNTER,
                        "WebSockets the daemon closed, by cause: slow_consumer (unwritable too long), shed (held "
                                + "the most while the daemon was over its held-bytes budget), misbehaviour "
                                + "(signaling flood, invalid UTF-8, no IDENTIFY in time).",
                        "TrackerMetrics, SignalingMetrics", "cause",
                        sample("slow_consumer", () -> s.tracker().slowConsumersClosed.sum()),
                        sample("shed", () -> s.tracker().connectionsShed.sum()),
                        sample("misbehaviour", () -> s.signaling().closedForMisbehaviour.sum())),
                counter("signaltracker_invalid_close_frames", "Close frames with an invalid code or reason, "
                        + "answered with 1002.", "TrackerMetrics", () -> s.tracker().invalidCloseFrames.sum()),

                // Messages in and out.
                byLabel("signaltracker_messages_received", Type.COUNTER,
                        "WebSocket messages received, by protocol, before any check.",
                        "TrackerMetrics, SignalingMetrics", "protocol",
                        sample("webtorrent", () -> s.tracker().messagesReceived.sum()),
                        sample("signaling", () -> s.signaling().messagesReceived.sum())),
                byLabel("signaltracker_webtorrent_requests", Type.COUNTER,
                        "Valid WebTorrent messages, by kind (an answer is an announce carrying an answer).",
                        "TrackerMetrics", "kind",
                        sample("announce", () -> s.tracker().announces.sum()),
                        sample("answer", () -> s.tracker().answers.sum()),
                        sample("scrape", () -> s.tracker().scrapes.sum())),
                byLabel("signaltracker_webtorrent_sent", Type.COUNTER,
                        "WebTorrent messages sent, by kind: responses, and offers and answers relayed to peers.",
                        "TrackerMetrics", "kind",
                        sample("announce_response", () -> s.tracker().announceResponses.sum()),
                        sample("scrape_response", () -> s.tracker().scrapeResponses.sum()),
                        sample("offer", () -> s.tracker().offersRelayed.sum()),
                        sample("answer", () -> s.tracker().answersRelayed.sum())),
                byEnum("signaltracker_webtorrent_failures", "WebTorrent failure responses sent, by error.",
                        "TrackerMetrics", "error", TrackerError.values(), s.tracker()::failures),
                byLabel("signaltracker_http_tracker_requests", Type.COUNTER,
                        "HTTP tracker requests, by route: GET /announce and GET /scrape, refused ones included.",
                        "TrackerMetrics", "route",
                        sample("announce", () -> s.tracker().httpAnnounces.sum()),
                        sample("scrape", () -> s.tracker().httpScrapes.sum())),
                byLabel("signaltracker_http_tracker_answered", Type.COUNTER,
                        "HTTP tracker requests answered with peers or counts, by route; the others got a failure "
                                + "reason (signaltracker_http_tracker_failures).",
                        "TrackerMetrics", "route",
                        sample("announce", () -> s.tracker().httpAnnounceResponses.sum()),
                        sample("scrape", () -> s.tracker().httpScrapeResponses.sum())),
                byEnum("signaltracker_http_tracker_failures", "HTTP tracker failure reasons sent, by error.",
                        "TrackerMetrics", "error", TrackerError.values(), s.tracker()::httpFailures),
                byLabel("signaltracker_webtorrent_relays_dropped", Type.COUNTER,
                        "Offers and answers not relayed, by cause: receiver_slow_or_closed (over its high water "
                                + "mark or gone), receiver_busy (already holding the most offers in flight), "
                                + "offerer_gone (an answer to a peer that left).",
                        "TrackerMetrics", "cause",
                        sample("receiver_slow_or_closed", () -> s.tracker().relaysDropped.sum()),
                        sample("receiver_busy", () -> s.tracker().offersReceiverBusy.sum()),
                        sample("offerer_gone", () -> s.tracker().answersUnroutable.sum())),
                signalingTypes(s),
                byLabel("signaltracker_signaling_relays", Type.COUNTER,
                        "Signaling relays, by outcome: delivered to the target's queue, or refused because the "
                                + "target was closing (the sender got 2201).",
                        "SignalingMetrics", "outcome",
                        sample("delivered", () -> s.signaling().relays.sum()),
                        sample("refused", () -> s.signaling().relaysRefused.sum())),
                counter("signaltracker_signaling_room_events", "ROOM_MEMBERS, NEW_PEER_IN_ROOM, PEER_LEFT_ROOM and "
                        + "WELCOME sent.", "SignalingMetrics", () -> s.signaling().roomEvents.sum()),
                counter("signaltracker_signaling_identified", "Signaling connections that identified.",
                        "SignalingMetrics", () -> s.signaling().identified.sum()),
                byEnum("signaltracker_signaling_errors", "Signaling errors sent, by error.", "SignalingMetrics",
                        "error", SignalingError.values(), s.signaling()::errors),

                // Refusals and rate limits.
                byLabel("signaltracker_rate_limited", Type.COUNTER,
                        "Messages held back by a rate limit, by reason: min_interval (re-announce sooner than "
                                + "tracker.minAnnounceIntervalSeconds: counts only, no offers), classic_min_interval "
                                + "(HTTP/UDP announce sooner than classic.minAnnounceIntervalSeconds: counts only), "
                                + "webtorrent_messages (limits.messagesPerSecond), signaling_messages "
                                + "(signaling.messagesPerSecond).",
                        "TrackerMetrics, SignalingMetrics", "reason",
                        sample("min_interval", () -> s.tracker().rateLimitedAnnounces.sum()),
                        sample("classic_min_interval", () -> s.tracker().addressAnnouncesRateLimited.sum()),
                        sample("webtorrent_messages", () -> s.tracker().failures(TrackerError.MESSAGE_RATE_EXCEEDED)),
                        sample("signaling_messages", () -> s.signaling().errors(SignalingError.RATE_EXCEEDED))),
                counter("signaltracker_upgrades_refused", "WebSocket upgrades refused with 503, every reason (the "
                        + "connection cap's health-check reserve, the held-bytes budget).", "HttpCounters",
                        () -> s.http().upgradesRefused()),
                counter("signaltracker_upgrades_refused_held_bytes", "WebSocket upgrades refused with 503 because "
                        + "the daemon was near its held-bytes budget (part of signaltracker_upgrades_refused).",
                        "TrackerMetrics", () -> s.tracker().upgradesRefusedForMemory.sum()),

                byEnum("signaltracker_access_refusals", "Connections and requests turned away by the access rules, by "
                        + "reason: banned_peer (closed at accept), banned_client (403), origin_not_allowed and "
                        + "origin_missing (403), address_cap and address_rate (429).", "AccessMetrics", "reason",
                        AccessRefusal.values(), s.access()::refusals),
                byLabel("signaltracker_forwarded_clients", Type.COUNTER,
                        "Requests from a trusted proxy, by outcome: used (the forwarding header named the client) or "
                                + "unusable (malformed, unknown or obfuscated: the socket address was used).",
                        "AccessMetrics", "outcome",
                        sample("used", () -> s.access().forwardedClients.sum()),
                        sample("unusable", () -> s.access().forwardedUnusable.sum())),
                counter("signaltracker_ban_file_errors", "Re-reads of access.bannedRangesFile that failed and kept the "
                        + "previous list.", "AccessMetrics", () -> s.access().banFileErrors.sum()),
                gauge("signaltracker_access_tracked_addresses", "Client addresses the per-address caps and rate "
                        + "limits remember (bounded by access.maxTrackedAddresses).", "AccessControl",
                        () -> s.accessControl().trackedAddresses()),

                // The swarm store, counted per scrape.
                gauge("signaltracker_swarms", "Swarms (info hashes) with at least one peer.", "TrackerCensus",
                        () -> census.totals().swarms()),
                gauge("signaltracker_peers", "Swarm memberships: a peer id in two swarms counts twice.",
                        "TrackerCore", () -> s.core().peerCount()),
                gauge("signaltracker_address_peers", "Memberships of HTTP/UDP peers, known by address and port "
                        + "(part of signaltracker_peers).", "TrackerCore", () -> s.core().addressPeerCount()),
                counter("signaltracker_address_peers_joined", "HTTP/UDP peers that joined a swarm (an address and "
                        + "port new to it).", "TrackerMetrics", () -> s.tracker().addressPeersJoined.sum()),
                gauge("signaltracker_seeders", "Memberships as seeder (complete).", "TrackerCensus",
                        () -> census.totals().seeders()),
                gauge("signaltracker_leechers", "Memberships as leecher (incomplete).", "TrackerCensus",
                        () -> census.totals().leechers()),
                counter("signaltracker_peers_evicted", "Peers evicted after tracker.peerTimeoutSeconds (WebSocket) or "
                        + "classic.peerTimeoutSeconds (HTTP/UDP) without an announce.", "TrackerMetrics",
                        () -> s.tracker().peersEvicted.sum()),

                // Memory clients make the daemon hold.
                gauge("signaltracker_held_bytes", "Bytes connections make the daemon hold: frames being read, "
                        + "messages being joined, output queued for slow readers.", "HeldBytesBudget",
                        () -> s.heldBytes().heldBytes()),
                gauge("signaltracker_held_bytes_limit", "websocket.maxHeldMegabytes in bytes, as resolved at start.",
                        "HeldBytesBudget", () -> s.heldBytes().limitBytes()),

                // Plain HTTP.
                counter("signaltracker_http_responses", "HTTP responses on the main port (not upgrades, not the "
                        + "HTTP tracker's answers, which signaltracker_http_tracker_requests counts).",
                        "HttpCounters", () -> s.http().responses()),
                gauge("signaltracker_http_responses_awaiting_client", "HTTP responses written but not yet taken by "
                        + "the client's socket.", "HttpCounters", () -> s.http().responsesAwaitingClient()),
                byLabel("signaltracker_http_client_errors", Type.COUNTER,
                        "HTTP connections closed on an error, by kind: routine (resets, closing mid-request, "
                                + "undecodable bytes) or unexpected (also logged, throttled).",
                        "HttpCounters", "kind",
                        sample("routine", () -> s.http().routineClientErrors()),
                        sample("unexpected", () -> s.http().unexpectedErrors())),
                // TLS (zero while tls.mode = off).
                byEnum("signaltracker_tls_handshakes", "TLS handshakes on the TLS listener, by outcome: completed, or "
                        + "why one failed (not_tls: plain HTTP or a scanner; no_common_protocol: a client below TLS 1.2;"
                        + " certificate_rejected: the client did not trust the certificate; ...).", "TlsMetrics",
                        "outcome", TlsMetrics.Handshake.values(), s.tls()::handshakes),

                // The UDP tracker (zero while classic.udp = off).
                counter("signaltracker_udp_datagrams_received", "Datagrams read by the UDP tracker, every kind.",
                        "UdpMetrics", () -> s.tracker().udp.packetsReceived.sum()),
                byLabel("signaltracker_udp_requests", Type.COUNTER,
                        "UDP tracker requests by action (a request with an invalid connection id is not counted).",
                        "UdpMetrics", "action",
                        sample("connect", () -> s.tracker().udp.connects.sum()),
                        sample("announce", () -> s.tracker().udp.announces.sum()),
                        sample("scrape", () -> s.tracker().udp.scrapes.sum())),
                counter("signaltracker_udp_replies", "UDP tracker replies built for sending, errors included.",
                        "UdpMetrics", () -> s.tracker().udp.repliesSent.sum()),
                byEnum("signaltracker_udp_errors", "UDP tracker error replies (action 3) sent, by error.",
                        "UdpMetrics", "error", TrackerError.values(), s.tracker().udp::errors),
                byEnum("signaltracker_udp_dropped", "UDP datagrams or replies dropped without a word, by reason: "
                        + "short (under 16 bytes), bad_protocol_id (a connect without the magic), "
                        + "unverified_other_action (an invalid connection id on another action than announce or "
                        + "scrape), amplification_bound (the reply would outgrow the request), banned (source in "
                        + "the ban list), send_queue_full.", "UdpMetrics", "reason", UdpMetrics.Drop.values(),
                        s.tracker().udp::drops));
    }

    /** The /ws and /ws/{roomId} inbound types, and the /v1 dialect's messages as one more value. */
    private static MetricDefinition signalingTypes(MetricSources s) {
        List<Sample> samples = new ArrayList<>();
        for (SignalingType type : SignalingType.values()) {
            if (type.inbound) {
                samples.add(sample(type.name(), () -> s.signaling().received(type)));
            }
        }
        samples.add(sample("v1", () -> s.signaling().v1Messages.sum()));
        return new MetricDefinition("signaltracker_signaling_requests", Type.COUNTER,
                "Decoded signaling messages, by type (/ws and /ws/{roomId}); v1 counts every /v1 message.",
                "SignalingMetrics", "type", List.copyOf(samples));
    }

    static MetricDefinition counter(String name, String help, String source, LongSupplier value) {
        return new MetricDefinition(name, Type.COUNTER, help, source, null, List.of(sample(null, value)));
    }

    static MetricDefinition gauge(String name, String help, String source, LongSupplier value) {
        return new MetricDefinition(name, Type.GAUGE, help, source, null, List.of(sample(null, value)));
    }

    static MetricDefinition byLabel(String name, Type type, String help, String source, String labelName,
            Sample... samples) {
        return new MetricDefinition(name, type, help, source, labelName, List.of(samples));
    }

    /**
     * A counter family with one sample per constant of an enum-indexed counter table, labelled with the
     * constant's name in lower case: how a {@code LongAdder[]} table indexed by {@code ordinal()} is exported.
     */
    public static <E extends Enum<E>> MetricDefinition byEnum(String name, String help, String source,
            String labelName, E[] values, ToLongFunction<E> read) {
        List<Sample> samples = new ArrayList<>(values.length);
        for (E value : values) {
            samples.add(sample(value.name().toLowerCase(Locale.ROOT), () -> read.applyAsLong(value)));
        }
        return new MetricDefinition(name, Type.COUNTER, help, source, labelName, List.copyOf(samples));
    }

    static Sample sample(String labelValue, LongSupplier value) {
        return new Sample(labelValue, value);
    }
}
