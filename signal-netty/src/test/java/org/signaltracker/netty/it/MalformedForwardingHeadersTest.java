package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A trusted proxy's X-Forwarded-For or Forwarded header that names no usable client (garbage, a port
 * without a host, RFC 7239's unknown and obfuscated nodes, an unterminated quote, a hop list ending in a
 * comma) leaves the socket's address as the client: every upgrade still works and is counted as unusable,
 * and none crashes anything. Two daemons: one trusting X-Forwarded-For, one Forwarded.
 */
class MalformedForwardingHeadersTest {

    @RegisterExtension
    static final TrackerServerExtension XFF = new TrackerServerExtension("access.trustedProxies = 127.0.0.0/8\n");
    @RegisterExtension
    static final TrackerServerExtension FORWARDED = new TrackerServerExtension(
            "access.trustedProxies = 127.0.0.0/8\naccess.proxyHeader = forwarded\n");

    private static final List<String> BAD_XFF = List.of("garbage", "", "1.2.3.4, ", ":80", "[::1", "1.2.3.4:99999",
            "unknown", "1.2.3.4 5.6.7.8", "\u00e9t\u00e9", "999.1.1.1", "a".repeat(2000));
    private static final List<String> BAD_FORWARDED = List.of("for=unknown", "for=_hidden", "for=\"1.2.3.4",
            "proto=https", "for=1.2.3.4;for=5.6.7.8", "for", "=", ";;;", "for=\"[1.2.3.4]\"", "for=1.2.3.4, by=x");

    @Test
    void malformedXForwardedForFallsBackToTheSocketAddress() throws Exception {
        for (String bad : BAD_XFF) {
            try (AddressedClient c = AddressedClient.upgrade("127.0.0.2", XFF.port(), "/announce",
                    "X-Forwarded-For: " + bad + "\r\n")) {
                assertEquals(101, c.status(), bad);
                assertTrue(c.scrapes(), bad);
            }
        }
        assertEquals(BAD_XFF.size(), XFF.server().accessMetrics().forwardedUnusable.sum());
        assertEquals(0, XFF.server().accessMetrics().forwardedClients.sum());
    }

    @Test
    void malformedForwardedFallsBackToTheSocketAddress() throws Exception {
        for (String bad : BAD_FORWARDED) {
            try (AddressedClient c = AddressedClient.upgrade("127.0.0.2", FORWARDED.port(), "/announce",
                    "Forwarded: " + bad + "\r\n")) {
                assertEquals(101, c.status(), bad);
                assertTrue(c.scrapes(), bad);
            }
        }
        assertEquals(BAD_FORWARDED.size(), FORWARDED.server().accessMetrics().forwardedUnusable.sum());
        try (AddressedClient c = AddressedClient.upgrade("127.0.0.2", FORWARDED.port(), "/announce",
                "Forwarded: for=\"[2001:db8::1]:4711\";proto=https\r\nForwarded: for=127.0.0.9\r\n")) {
            assertEquals(101, c.status(), "two header lines are one list; the trusted 127.0.0.9 is skipped");
        }
        assertEquals(1, FORWARDED.server().accessMetrics().forwardedClients.sum());
    }
}
