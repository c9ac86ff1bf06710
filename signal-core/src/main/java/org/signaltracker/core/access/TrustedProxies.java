package org.signaltracker.core.access;

import java.util.List;

/**
 * Finds the client behind reverse proxies: the forwarding header is believed only when the TCP peer is in
 * the trusted ranges, and its hops are walked from the right (the entry the nearest proxy wrote) past every
 * trusted proxy; the first untrusted address is the client. Entries further left were written by the
 * client or by proxies nobody vouches for, so they are never read. When every hop is trusted the leftmost
 * is the client. Immutable and thread-safe.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(AddressRanges.NONE,
            ForwardingHeader.X_FORWARDED_FOR);

    private final AddressRanges ranges;
    private final ForwardingHeader header;

    public TrustedProxies(AddressRanges ranges, ForwardingHeader header) {
        this.ranges = ranges;
        this.header = header;
    }

    /** Whether {@code peer}'s forwarding header is believed. */
    public boolean trusts(IpAddress peer) {
        return ranges.contains(peer);
    }

    public ForwardingHeader header() {
        return header;
    }

    /**
     * The client named by {@code headerValue}, sent by a trusted {@code peer}; null when the walk reaches a
     * hop that names no address (malformed, {@code unknown}, obfuscated), or the header does not parse or
     * lists no hop at all: the caller then keeps the socket's address, since nothing in it can be relied on.
     */
    public IpAddress client(IpAddress peer, String headerValue) {
        List<IpAddress> hops = header.hops(headerValue);
        if (hops == null || hops.isEmpty()) {
            return null;
        }
        IpAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            IpAddress hop = hops.get(i);
            if (hop == null) {
                return null;
            }
            client = hop;
            if (!ranges.contains(hop)) {
                return hop;
            }
        }
        return client;
    }
}
