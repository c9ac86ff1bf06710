package org.signaltracker.core.access;

/**
 * Every reason the access rules turn a connection or a request away: the one table of them, with the HTTP
 * status the client gets, the reason it reads, and the name and help of its refusal counter (the metrics
 * endpoint labels refusals by {@link #metricName}). Per-address limits answer 429, as the signaling
 * per-address limits do; 503 stays for the whole daemon being full; 403 means "never from here".
 */
public enum AccessRefusal {

    BANNED_PEER(0, "banned_peer", "the TCP peer is in a banned range: closed at accept, nothing sent",
            "connections closed at accept because their TCP peer is in access.bannedRanges or the ban file"),
    BANNED_CLIENT(403, "banned_client", "requests from this address are not served here",
            "requests refused (403) because the client address forwarded by a trusted proxy is banned"),
    ORIGIN_NOT_ALLOWED(403, "origin_not_allowed", "pages of this Origin may not open WebSockets here",
            "upgrades refused (403) because their Origin is not in access.allowedOrigins"),
    ORIGIN_MISSING(403, "origin_missing", "an Origin header is required to open a WebSocket here",
            "upgrades refused (403) for carrying no Origin while access.missingOrigin = refuse"),
    ADDRESS_CAP(429, "address_cap", "too many open WebSockets from this address; close one or retry later",
            "upgrades refused (429) at access.maxConnectionsPerAddress"),
    ADDRESS_RATE(429, "address_rate", "too many new WebSockets from this address; retry after the delay given",
            "upgrades refused (429) by access.connectionsPerMinutePerAddress");

    /** A full address cap frees only when a connection closes, which nothing predicts; a guess that spreads retries. */
    public static final int CAP_RETRY_AFTER_SECONDS = 30;

    /** The HTTP status of the refusal; 0 when the connection is closed without a response. */
    public final int httpStatus;
    public final String metricName;
    /** One line for the client, sent as the response body. */
    public final String reason;
    public final String help;

    AccessRefusal(int httpStatus, String metricName, String reason, String help) {
        this.httpStatus = httpStatus;
        this.metricName = metricName;
        this.reason = reason;
        this.help = help;
    }
}
