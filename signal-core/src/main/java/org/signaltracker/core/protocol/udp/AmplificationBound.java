package org.signaltracker.core.protocol.udp;

/**
 * How many bytes the UDP tracker may send back for a request, so that it is never a useful reflector for
 * traffic aimed at a spoofed source address. The dispatcher checks every reply against this one rule and
 * drops a reply that would exceed it (counted), so no code path can grow past it by mistake.
 *
 * <ul>
 * <li><b>Unverified source</b> (a connect, or a request with an invalid connection id): at most as many
 *     bytes as the request, a factor of 1. A connect (16 bytes) gets its 16-byte reply; an announce or a
 *     scrape with a bad id gets the short error; a 16-byte request with a bad id gets nothing, because the
 *     error text would not fit.</li>
 * <li><b>Verified source</b> (a valid connection id, which only the holder of the source address could
 *     have received): at most {@value #VERIFIED_FACTOR} times the request and never more than
 *     {@value #MAX_REPLY_BYTES} bytes. The largest reply is an announce with 200 IPv4 peers, 20 + 200 · 6 =
 *     1220 bytes for a request of at least 98 bytes (12.5 ×); a scrape's reply (8 + 12 · N) is always
 *     shorter than its request (16 + 20 · N).</li>
 * </ul>
 * Stateless.
 */
public final class AmplificationBound {

    /** The largest reply: 20 + 200 · 6 bytes (IPv4 announce); an IPv6 one is 20 + 66 · 18 = 1208. */
    public static final int MAX_REPLY_BYTES = 1220;
    /** 1220 / 98 rounded up: the announce at the cap for the shortest announce. */
    public static final int VERIFIED_FACTOR = 13;

    private AmplificationBound() {
    }

    /** The most bytes a reply to a request of {@code requestBytes} may have. */
    public static int maxReplyBytes(int requestBytes, boolean verifiedSource) {
        if (!verifiedSource) {
            return requestBytes;
        }
        return (int) Math.min(MAX_REPLY_BYTES, (long) requestBytes * VERIFIED_FACTOR);
    }
}
