package org.signaltracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressRangesTest {

    private static boolean in(String ranges, String address) {
        return AddressRanges.parse(ranges).contains(IpAddress.parse(address));
    }

    @Test
    void ipv4RangesMatchTheirAddressesOnly() {
        assertTrue(in("10.0.0.0/8", "10.0.0.0"));
        assertTrue(in("10.0.0.0/8", "10.255.255.255"));
        assertFalse(in("10.0.0.0/8", "11.0.0.0"));
        assertFalse(in("10.0.0.0/8", "9.255.255.255"));
        assertTrue(in("192.168.1.0/24", "192.168.1.77"));
        assertFalse(in("192.168.1.0/24", "192.168.2.1"));
        assertTrue(in("172.16.0.0/12", "172.31.255.1"));
        assertFalse(in("172.16.0.0/12", "172.32.0.0"));
    }

    @Test
    void slash32AndBareAddressesAreOneHost() {
        assertTrue(in("203.0.113.7/32", "203.0.113.7"));
        assertFalse(in("203.0.113.7/32", "203.0.113.8"));
        assertFalse(in("203.0.113.7/32", "203.0.113.6"));
        assertTrue(in("203.0.113.7", "203.0.113.7"));
        assertFalse(in("203.0.113.7", "203.0.113.8"));
    }

    @Test
    void slash0CoversItsFamily() {
        assertTrue(in("0.0.0.0/0", "0.0.0.0"));
        assertTrue(in("0.0.0.0/0", "255.255.255.255"));
        assertFalse(in("0.0.0.0/0", "2001:db8::1"), "0.0.0.0/0 is every IPv4 address, no IPv6 one");
        assertTrue(in("::/0", "2001:db8::1"));
        assertTrue(in("::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertTrue(in("::/0", "10.0.0.1"), "IPv4 is compared as IPv4-mapped IPv6, which ::/0 covers");
    }

    @Test
    void ipv6RangesIncludingSlash128() {
        assertTrue(in("2001:db8::/32", "2001:db8:ffff::1"));
        assertFalse(in("2001:db8::/32", "2001:db9::"));
        assertTrue(in("2001:db8::/64", "2001:db8::ffff:ffff:ffff:ffff"));
        assertFalse(in("2001:db8::/64", "2001:db8:0:1::"));
        assertTrue(in("2001:db8::/65", "2001:db8::7fff:ffff:ffff:ffff"));
        assertFalse(in("2001:db8::/65", "2001:db8::8000:0:0:0"));
        assertTrue(in("::1/128", "::1"));
        assertFalse(in("::1/128", "::2"));
        assertFalse(in("::1/128", "::"));
        assertTrue(in("fe80::/10", "febf::1"));
        assertFalse(in("fe80::/10", "fec0::1"));
    }

    @Test
    void ipv4MappedAddressesMatchIpv4RangesAndTheOtherWayRound() {
        assertTrue(in("127.0.0.0/8", "::ffff:127.0.0.1"));
        assertFalse(in("127.0.0.0/8", "::ffff:128.0.0.1"));
        assertTrue(in("::ffff:10.0.0.0/104", "10.200.0.1"));
        assertFalse(in("::ffff:10.0.0.0/104", "11.0.0.1"));
        assertTrue(in("::ffff:0:0/96", "8.8.8.8"), "the mapped /96 is all of IPv4");
        assertFalse(in("::ffff:0:0/96", "2001:db8::1"));
    }

    @Test
    void listsOverlapsAndUnions() {
        AddressRanges r = AddressRanges.parse(" 10.0.0.0/8 , 10.1.0.0/16,192.0.2.1, 2001:db8::/48,\n::1 ");
        assertEquals(5, r.size());
        for (String yes : new String[] {"10.1.2.3", "10.200.0.0", "192.0.2.1", "2001:db8:0:ffff::", "::1"}) {
            assertTrue(r.contains(IpAddress.parse(yes)), yes);
        }
        for (String no : new String[] {"11.0.0.0", "192.0.2.2", "2001:db8:1::", "::2", "::ffff:192.0.2.2"}) {
            assertFalse(r.contains(IpAddress.parse(no)), no);
        }
        AddressRanges u = AddressRanges.parse("198.51.100.0/24").union(r);
        assertEquals(6, u.size());
        assertTrue(u.contains(IpAddress.parse("198.51.100.9")));
        assertTrue(u.contains(IpAddress.parse("10.9.9.9")));
        assertTrue(AddressRanges.parse("").isEmpty());
        assertTrue(AddressRanges.parse("   ").isEmpty());
        assertFalse(AddressRanges.parse("").contains(IpAddress.parse("1.2.3.4")));
        assertEquals(r, r.union(AddressRanges.NONE));
        assertEquals(r, AddressRanges.NONE.union(r));
    }

    @Test
    void badEntriesAreRefusedNamingTheEntry() {
        Map<String, String> errors = Map.ofEntries(
                Map.entry("10.0.0.0/33", "'10.0.0.0/33' has prefix length 33, over 32 for IPv4"),
                Map.entry("::/129", "'::/129' has prefix length 129, over 128 for IPv6"),
                Map.entry("10.0.0.1/8", "'10.0.0.1/8' has bits set after its prefix (did you mean 10.0.0.0/8?)"),
                Map.entry("2001:db8::1/32", "'2001:db8::1/32' has bits set after its prefix (did you mean "
                        + "2001:db8::/32?)"),
                Map.entry("example.com/24", "'example.com/24' is not a literal IPv4 or IPv6 address with a prefix "
                        + "length"),
                Map.entry("localhost", "'localhost' is not a literal IPv4 or IPv6 address"),
                Map.entry("10.0.0.0/", "'10.0.0.0/' has no valid prefix length after the /"),
                Map.entry("10.0.0.0/x", "'10.0.0.0/x' has no valid prefix length after the /"),
                Map.entry("10.0.0.0/08", "'10.0.0.0/08' has no valid prefix length after the /"),
                Map.entry("10.0.0.0/-1", "'10.0.0.0/-1' has no valid prefix length after the /"),
                Map.entry("10.0.0.0/8/8", "'10.0.0.0/8/8' has no valid prefix length after the /"),
                Map.entry("10.0.0.0/8,", "an empty entry (two commas in a row, or a trailing comma)"),
                Map.entry("10.0.0.0/8,,::1", "an empty entry (two commas in a row, or a trailing comma)"),
                Map.entry("[::1]/128", "'[::1]/128' is not a literal IPv4 or IPv6 address with a prefix length"),
                Map.entry("::1%lo/128", "'::1%lo/128' is not a literal IPv4 or IPv6 address with a prefix length"));
        errors.forEach((list, message) -> assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(list)).getMessage(), list));
    }

    /** The merged, binary-searched form agrees with a plain scan of the ranges as written. */
    @Test
    void agreesWithANaiveScanOnRandomRangesAndAddresses() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(30);
            int[] networks = new int[n];
            int[] prefixes = new int[n];
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < n; i++) {
                prefixes[i] = random.nextInt(33);
                int mask = prefixes[i] == 0 ? 0 : -1 << (32 - prefixes[i]);
                networks[i] = (random.nextInt(4) << 30 | random.nextInt(1 << 30)) & mask;
                list.append(i == 0 ? "" : ",").append(IpAddress.ipv4(networks[i])).append('/').append(prefixes[i]);
            }
            AddressRanges ranges = AddressRanges.parse(list.toString());
            for (int probe = 0; probe < 200; probe++) {
                int address = probe % 2 == 0 ? random.nextInt() : networks[random.nextInt(n)] + random.nextInt(3) - 1;
                boolean expected = false;
                for (int i = 0; i < n; i++) {
                    int mask = prefixes[i] == 0 ? 0 : -1 << (32 - prefixes[i]);
                    expected |= (address & mask) == networks[i];
                }
                assertEquals(expected, ranges.contains(IpAddress.ipv4(address)),
                        list + " ? " + IpAddress.ipv4(address));
            }
        }
    }
}
