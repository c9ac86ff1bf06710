package org.signaltracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginAllowListTest {

    private static final OriginAllowList LIST = OriginAllowList.parse(
            "https://app.example.com, http://localhost:8080, https://*.cdn.example.net, https://*.wild.test:8443,"
                    + " https://[2001:db8::1]");

    @Test
    void anEmptyListAllowsAnyOrigin() {
        assertTrue(OriginAllowList.parse("").allowsAny());
        assertTrue(OriginAllowList.parse(" ").allows("https://evil.example"));
        assertTrue(OriginAllowList.ANY.allows("null"));
        assertFalse(LIST.allowsAny());
    }

    @Test
    void exactEntriesMatchSchemeHostAndPort() {
        assertTrue(LIST.allows("https://app.example.com"));
        assertTrue(LIST.allows("HTTPS://App.Example.COM"), "scheme and host are case-insensitive");
        assertTrue(LIST.allows("https://app.example.com:443"), "the default port is the same as none");
        assertTrue(LIST.allows("http://localhost:8080"));
        assertTrue(LIST.allows("https://[2001:db8::1]"));
        assertFalse(LIST.allows("http://app.example.com"), "another scheme");
        assertFalse(LIST.allows("https://app.example.com:8443"), "another port");
        assertFalse(LIST.allows("http://localhost"), "another port");
        assertFalse(LIST.allows("https://evil.app.example.com"), "an exact entry has no subdomains");
        assertFalse(LIST.allows("https://app.example.com.evil.net"));
        assertFalse(LIST.allows("https://app.example.com/"), "an Origin has no path");
        assertFalse(LIST.allows("null"), "sandboxed pages send null");
        assertFalse(LIST.allows(""));
        assertFalse(LIST.allows("https://" + "a-".repeat(4000) + ".cdn.example.net"), "an oversized Origin");
    }

    @Test
    void wildcardsMatchSubdomainsOnly() {
        assertTrue(LIST.allows("https://a.cdn.example.net"));
        assertTrue(LIST.allows("https://a.b.cdn.example.net"));
        assertFalse(LIST.allows("https://cdn.example.net"), "not the domain itself");
        assertFalse(LIST.allows("https://evilcdn.example.net"));
        assertFalse(LIST.allows("http://a.cdn.example.net"), "same scheme only");
        assertFalse(LIST.allows("https://a.cdn.example.net:8443"), "same port only");
        assertTrue(LIST.allows("https://x.wild.test:8443"));
        assertFalse(LIST.allows("https://x.wild.test"));
    }

    @Test
    void badEntriesAreRefusedNamingTheEntry() {
        for (String bad : List.of("example.com", "https://", "https://a.example/", "https://a.example/path",
                "https://a.example:99999", "https://a.example:", "https://*", "https://*.", "https://a.*.example",
                "*.example.com", "https://user@a.example", "https://a_b.example", "https://a.example,",
                "ftp//a.example", "https://-a.example", "https://[::1", "1https://a.example")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OriginAllowList.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("'") && e.getMessage().contains("is not an origin"), e.getMessage());
        }
        assertEquals("'example.com' is not an origin (expected scheme://host[:port] or scheme://*.domain[:port], "
                + "no path)", assertThrows(IllegalArgumentException.class,
                        () -> OriginAllowList.parse("https://ok.example, example.com")).getMessage());
    }
}
