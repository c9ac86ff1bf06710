package org.signaltracker.core.access;

import org.signaltracker.core.config.AccessConfig;

/**
 * One immutable snapshot of the {@code access} section, parsed: what the daemon checks each connection and
 * request against until the next reload. Built off the event loops; read on them through one volatile
 * field of {@link AccessControl}. Thread-safe.
 *
 * @param proxies        trusted proxies and the header they write
 * @param banned         {@code access.bannedRanges} and the ban file together
 * @param fileBanned     the ban file's ranges alone, kept to rebuild {@code banned} on a reload
 * @param origins        the Origin allow list
 * @param refuseNoOrigin refuse upgrades without an Origin header
 * @param limits         the per-address table's limits
 * @param ipv6PrefixBits the prefix that keys IPv6 clients in that table
 */
record AccessRules(TrustedProxies proxies, AddressRanges banned, AddressRanges fileBanned, OriginAllowList origins,
        boolean refuseNoOrigin, AddressTable.Limits limits, int ipv6PrefixBits) {

    /**
     * From a config the loader has already validated, so its lists parse.
     *
     * @param fileBanned the ban file's ranges as last read
     */
    static AccessRules of(AccessConfig config, AddressRanges fileBanned) {
        return new AccessRules(
                new TrustedProxies(AddressRanges.parse(config.trustedProxies()),
                        ForwardingHeader.fromConfig(config.proxyHeader())),
                AddressRanges.parse(config.bannedRanges()).union(fileBanned),
                fileBanned,
                OriginAllowList.parse(config.allowedOrigins()),
                config.refuseMissingOrigin(),
                new AddressTable.Limits(config.maxConnectionsPerAddress(), config.connectionsPerMinutePerAddress(),
                        config.connectionBurstPerAddress(), config.maxTrackedAddresses()),
                config.ipv6PrefixBits());
    }

    /** The key of {@code client} in the per-address table: IPv6 by its prefix, IPv4 whole. */
    IpAddress limitKey(IpAddress client) {
        return client.isIpv4() ? client : client.masked(ipv6PrefixBits);
    }
}
