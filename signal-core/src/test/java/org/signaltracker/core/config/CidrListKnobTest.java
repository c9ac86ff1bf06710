package org.signaltracker.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CIDR_LIST knob kind: validated when the config loads, an error naming the entry at fault. */
class CidrListKnobTest {

    private static final String RANGE = "(expected: empty, or comma-separated CIDR ranges such as 10.0.0.0/8, "
            + "2001:db8::/32 (a bare address is one host))";

    private static String errorOf(String text) {
        return assertThrows(ConfigException.class, () -> ConfigFile.parse(text)).getMessage();
    }

    @Test
    void validListsLoadAsWritten() throws Exception {
        AccessConfig access = ConfigFile.parse("access.trustedProxies = 127.0.0.1, 10.0.0.0/8, fd00::/8\n"
                + "access.bannedRanges = ::/0\n").access();
        assertEquals("127.0.0.1, 10.0.0.0/8, fd00::/8", access.trustedProxies());
        assertEquals("::/0", access.bannedRanges());
        assertEquals("", ConfigFile.parse("access.trustedProxies =\n").access().trustedProxies());
    }

    @Test
    void aBadEntryIsNamedWithTheKey() {
        assertEquals("access.trustedProxies: '10.0.0.0/33' has prefix length 33, over 32 for IPv4 " + RANGE,
                errorOf("access.trustedProxies = 127.0.0.1, 10.0.0.0/33\n"));
        assertEquals("access.bannedRanges: 'proxy.example' is not a literal IPv4 or IPv6 address " + RANGE,
                errorOf("access.bannedRanges = proxy.example\n"));
        assertEquals("access.bannedRanges: '192.0.2.1/24' has bits set after its prefix (did you mean "
                + "192.0.2.0/24?) " + RANGE, errorOf("access.bannedRanges = 192.0.2.1/24\n"));
        assertEquals("access.trustedProxies: an empty entry (two commas in a row, or a trailing comma) " + RANGE,
                errorOf("access.trustedProxies = 10.0.0.0/8,\n"));
    }

    @Test
    void theOtherAccessKeysCheckTheirValues() {
        assertTrue(errorOf("access.allowedOrigins = example.com\n").startsWith("access.allowedOrigins: example.com"));
        assertTrue(errorOf("access.proxyHeader = x-real-ip\n").startsWith("access.proxyHeader: x-real-ip"));
        assertTrue(errorOf("access.ipv6PrefixBits = 16\n").startsWith("access.ipv6PrefixBits: 16"));
    }

    @Test
    void everyAccessKeyIsLive() {
        for (Knob knob : ConfigSchema.KNOBS) {
            if (knob.section.equals("access")) {
                assertTrue(knob.live, knob.key());
            }
        }
    }
}
