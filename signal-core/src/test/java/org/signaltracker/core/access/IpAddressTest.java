package org.signaltracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void ipv4RoundTripsAndIsHeldInItsMappedForm() {
        IpAddress a = IpAddress.parse("192.0.2.33");
        assertEquals("192.0.2.33", a.toString());
        assertTrue(a.isIpv4());
        assertEquals(0, a.high());
        assertEquals(0xFFFF_C000_0221L, a.low());
        assertEquals("0.0.0.0", IpAddress.parse("0.0.0.0").toString());
        assertEquals("255.255.255.255", IpAddress.parse("255.255.255.255").toString());
    }

    @Test
    void ipv4MappedIpv6IsTheSameAddressAsPlainIpv4() {
        assertEquals(IpAddress.parse("127.0.0.1"), IpAddress.parse("::ffff:127.0.0.1"));
        assertEquals(IpAddress.parse("127.0.0.1"), IpAddress.parse("::FFFF:7f00:1"));
        assertEquals("127.0.0.1", IpAddress.parse("0:0:0:0:0:ffff:7f00:0001").toString());
    }

    @Test
    void ipv6IsPrintedInTheShortForm() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("::", IpAddress.parse("::").toString());
        assertEquals("::1", IpAddress.parse("::1").toString());
        assertEquals("1::", IpAddress.parse("1::").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8:0:1:1:1:1:1").toString(),
                "a single zero group is not shortened");
        assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString(), "the longest run goes");
        assertEquals("2001:db8::1:0:0:1", IpAddress.parse("2001:db8:0:0:1:0:0:1").toString(), "the first of equals");
        assertFalse(IpAddress.parse("2001:db8::1").isIpv4());
    }

    @Test
    void bytesOfSocketAddressesGiveTheSameValues() throws Exception {
        // Literal text: getByName parses it without a lookup.
        assertEquals(IpAddress.parse("10.1.2.3"), IpAddress.of(InetAddress.getByName("10.1.2.3")));
        assertEquals(IpAddress.parse("fe80::1:2"), IpAddress.of(InetAddress.getByName("fe80::1:2")));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.of(new byte[5]));
    }

    @Test
    void everythingButALiteralIsRefused() {
        for (String bad : List.of("", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
                "1.2.3.-4", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4:80", "[::1]", "::1%eth0", "fe80::1%1",
                ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "::g", "1:",
                ":1", "1:2:3:4:5:6:7:8::", "::1.2.3", "::1.2.3.4:5", "1.2.3.4::", "\u0661.2.3.4", "::\u0661",
                "1:2:3:4:5:6:7:1.2.3.4", "x".repeat(100))) {
            assertNull(IpAddress.parse(bad), bad);
        }
        assertNull(IpAddress.parse(null));
    }

    @Test
    void embeddedIpv4TailsAndCompressionsParse() {
        assertEquals("64:ff9b::c000:221", IpAddress.parse("64:ff9b::192.0.2.33").toString());
        assertEquals("::c000:221", IpAddress.parse("::192.0.2.33").toString());
        assertEquals("1:2:3:4:5:6:7:8", IpAddress.parse("1:2:3:4:5:6:7:8").toString());
        // RFC 5952: "::" never stands for a single zero group.
        assertEquals("1:2:3:4:5:6:7:0", IpAddress.parse("1:2:3:4:5:6:7::").toString());
        assertEquals("0:2:3:4:5:6:7:8", IpAddress.parse("::2:3:4:5:6:7:8").toString());
    }

    @Test
    void maskingClearsTheBitsAfterThePrefix() {
        IpAddress a = IpAddress.parse("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
        assertEquals("2001:db8:aaaa:bbbb::", a.masked(64).toString());
        assertEquals("2001:db8:aaaa:bb00::", a.masked(56).toString());
        assertEquals("::", a.masked(0).toString());
        assertEquals(a, a.masked(128));
        assertEquals("2001:db8:aaaa:bbbb:cccc:dddd:eeee:fffe", a.masked(127).toString());
        assertThrows(IllegalArgumentException.class, () -> a.masked(129));
        assertThrows(IllegalArgumentException.class, () -> a.masked(-1));
    }
}
