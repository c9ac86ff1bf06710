package org.signaltracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final IpAddress PROXY = IpAddress.parse("10.0.0.1");
    private static final TrustedProxies XFF = new TrustedProxies(AddressRanges.parse("10.0.0.0/8, fd00::/8"),
            ForwardingHeader.X_FORWARDED_FOR);
    private static final TrustedProxies FORWARDED = new TrustedProxies(AddressRanges.parse("10.0.0.0/8, fd00::/8"),
            ForwardingHeader.FORWARDED);

    private static String xff(String header) {
        return String.valueOf(XFF.client(PROXY, header));
    }

    private static String fwd(String header) {
        return String.valueOf(FORWARDED.client(PROXY, header));
    }

    @Test
    void onlyTrustedPeersAreBelieved() {
        assertTrue(XFF.trusts(PROXY));
        assertTrue(XFF.trusts(IpAddress.parse("::ffff:10.9.9.9")));
        assertTrue(XFF.trusts(IpAddress.parse("fd12::1")));
        assertFalse(XFF.trusts(IpAddress.parse("192.0.2.1")));
        assertFalse(TrustedProxies.NONE.trusts(PROXY));
    }

    @Test
    void xForwardedForIsWalkedFromTheRightPastTrustedHops() {
        assertEquals("203.0.113.9", xff("203.0.113.9"));
        assertEquals("203.0.113.9", xff("203.0.113.9, 10.1.1.1"));
        assertEquals("203.0.113.9", xff("1.1.1.1, 203.0.113.9, 10.1.1.1, fd00::5"),
                "what the client wrote on the left (1.1.1.1) is never read");
        assertEquals("2001:db8::7", xff("2001:db8::7"));
        assertEquals("2001:db8::7", xff("[2001:db8::7]:443"));
        assertEquals("203.0.113.9", xff("203.0.113.9:5678"));
        assertEquals("203.0.113.9", xff("  203.0.113.9\t"));
        assertEquals("10.2.2.2", xff("10.2.2.2"), "a trusted address alone is the client");
        assertEquals("10.3.3.3", xff("10.3.3.3, 10.2.2.2"), "all trusted: the leftmost is the client");
        assertEquals("203.0.113.9", xff("::ffff:203.0.113.9"));
    }

    @Test
    void malformedXForwardedForGivesNothing() {
        for (String bad : List.of("", " ", "garbage", "203.0.113.9, bogus", "203.0.113.9,", "203.0.113.9;x",
                "unknown", "[203.0.113.9]", "[2001:db8::1", "203.0.113.9:99999", "203.0.113.9:", "host.example",
                "2001:db8::1:80:x", "1.2.3.4 5.6.7.8")) {
            assertEquals("null", xff(bad), bad);
        }
        assertEquals("203.0.113.9", xff("bogus, 203.0.113.9"), "a bad hop left of the client is never read");
    }

    @Test
    void forwardedElementsAreWalkedFromTheRight() {
        assertEquals("203.0.113.9", fwd("for=203.0.113.9"));
        assertEquals("203.0.113.9", fwd("For=203.0.113.9;proto=https;by=10.0.0.1"));
        assertEquals("203.0.113.9", fwd("for=\"203.0.113.9:4711\""));
        assertEquals("2001:db8:cafe::17", fwd("for=\"[2001:db8:cafe::17]:4711\""));
        assertEquals("2001:db8:cafe::17", fwd("for=\"[2001:db8:cafe::17]\""));
        assertEquals("2001:db8:cafe::17", fwd("for=[2001:db8:cafe::17]"), "unquoted IPv6 is read leniently");
        assertEquals("203.0.113.9", fwd("for=192.0.2.60, for=203.0.113.9;proto=http, for=10.5.5.5"));
        assertEquals("203.0.113.9", fwd("for=203.0.113.9 , , for=10.5.5.5"), "empty elements are skipped");
        assertEquals("203.0.113.9", fwd("proto=https;for=203.0.113.9;host=\"a,b;c\""),
                "commas and semicolons inside quotes do not split");
        assertEquals("203.0.113.9", fwd("for=\"203.0.113.9:_hidden\""), "an obfuscated port still names the host");
        assertEquals("203.0.113.9", fwd("for=\"\\2\\03.0.113.9\""), "quoted-pair escapes");
    }

    @Test
    void unknownAndObfuscatedNodesAndMalformedHeadersGiveNothing() {
        for (String bad : List.of("for=unknown", "for=_hidden", "for=\"_x.y\"", "proto=https", "for=203.0.113.9;"
                + "for=198.51.100.1", "for=\"203.0.113.9", "for", "=1.2.3.4", "for=1.2.3.4 x", "for=[::1",
                "for=\"[203.0.113.9]\"", "for=203.0.113.9, for=unknown", "for=203.0.113.9, by=10.0.0.2",
                "for=\"1.2.3.4:99999\"", "for=\"[::1]:\"", "for=\"[::1]x\"", "for=host.example")) {
            assertEquals("null", fwd(bad), bad);
        }
        assertEquals("203.0.113.9", fwd("for=unknown, for=203.0.113.9"), "an unknown left of the client is unread");
    }

    @Test
    void hopsAreListedClientFirstWithNullsForUnusableNodes() {
        assertEquals(Arrays.asList(IpAddress.parse("1.2.3.4"), null, IpAddress.parse("::1")),
                ForwardingHeader.FORWARDED.hops("for=1.2.3.4, for=unknown, for=\"[::1]\""));
        assertEquals(Arrays.asList(IpAddress.parse("1.2.3.4"), null),
                ForwardingHeader.X_FORWARDED_FOR.hops("1.2.3.4, x"));
        assertNull(ForwardingHeader.FORWARDED.hops("for=\"unterminated"));
        assertEquals(ForwardingHeader.FORWARDED, ForwardingHeader.fromConfig("forwarded"));
        assertEquals("X-Forwarded-For", ForwardingHeader.fromConfig("x-forwarded-for").headerName);
    }

    @Test
    void hostileHeadersEndQuickly() {
        String huge = "1.2.3.4, ".repeat(2000) + "for=\"" + "\\".repeat(3000);
        assertEquals("null", fwd(huge));
        assertEquals("null", xff(huge));
        assertEquals("1.2.3.4", xff("1.2.3.4, " + "10.0.0.2, ".repeat(999) + "10.0.0.2"));
    }
}
