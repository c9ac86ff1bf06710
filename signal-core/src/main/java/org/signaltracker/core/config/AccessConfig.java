package org.signaltracker.core.config;

/**
 * Section {@code access}: who may connect and how the client of a connection is known. Every key is live:
 * the access rules are rebuilt on reload and apply to the next connection and request. Immutable.
 *
 * @param trustedProxies                 CIDR ranges whose forwarding header is believed; empty trusts none
 * @param proxyHeader                    {@code x-forwarded-for} or {@code forwarded} (RFC 7239)
 * @param allowedOrigins                 comma-separated {@code scheme://host[:port]} (or {@code *.domain})
 *                                       whose pages may open WebSockets; empty allows any
 * @param missingOrigin                  {@code allow} or {@code refuse} an upgrade without an Origin header
 * @param maxConnectionsPerAddress       open WebSockets one client address may hold; 0 means no cap
 * @param connectionsPerMinutePerAddress new WebSockets one client address may open per minute; 0 means no limit
 * @param connectionBurstPerAddress      new WebSockets one address may open at once above that rate
 * @param ipv6PrefixBits                 IPv6 clients count as one address per prefix of this length
 * @param bannedRanges                   CIDR ranges refused outright
 * @param bannedRangesFile               a file of more banned ranges, one per line; empty for none
 * @param maxTrackedAddresses            addresses remembered only for their rate limit, at most
 */
public record AccessConfig(
        String trustedProxies,
        String proxyHeader,
        String allowedOrigins,
        String missingOrigin,
        int maxConnectionsPerAddress,
        int connectionsPerMinutePerAddress,
        int connectionBurstPerAddress,
        int ipv6PrefixBits,
        String bannedRanges,
        String bannedRangesFile,
        int maxTrackedAddresses) {

    public static final String MISSING_ORIGIN_ALLOW = "allow";
    public static final String MISSING_ORIGIN_REFUSE = "refuse";

    public static AccessConfig defaults() {
        return new AccessConfig("", "x-forwarded-for", "", MISSING_ORIGIN_ALLOW, 0, 0, 20, 64, "", "", 100_000);
    }

    public boolean refuseMissingOrigin() {
        return MISSING_ORIGIN_REFUSE.equals(missingOrigin);
    }
}
