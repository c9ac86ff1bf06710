package org.signaltracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signaltracker.core.config.AccessConfig;
import org.signaltracker.core.metrics.AccessMetrics;
import org.signaltracker.core.time.ManualClock;

class AccessControlTest {

    private static final IpAddress PROXY = IpAddress.parse("127.0.0.1");
    private static final IpAddress CLIENT = IpAddress.parse("203.0.113.9");

    private final ManualClock clock = new ManualClock();
    private final AccessMetrics metrics = new AccessMetrics();

    private static AccessConfig config(String trusted, String origins, String missing, int cap, int perMinute,
            String banned, String banFile) {
        AccessConfig d = AccessConfig.defaults();
        return new AccessConfig(trusted, d.proxyHeader(), origins, missing, cap, perMinute, 2, 64, banned, banFile,
                d.maxTrackedAddresses());
    }

    private AccessControl start(AccessConfig config) throws IOException {
        return AccessControl.start(config, clock, metrics);
    }

    @Test
    void theForwardedClientIsBelievedOnlyFromTrustedPeers() throws IOException {
        AccessControl access = start(config("127.0.0.0/8", "", "allow", 0, 0, "", ""));
        Map<String, String> headers = Map.of("X-Forwarded-For", "203.0.113.9", "Forwarded", "for=198.51.100.1");
        assertEquals(CLIENT, access.client(PROXY, headers::get));
        assertEquals(1, metrics.forwardedClients.sum());
        IpAddress stranger = IpAddress.parse("192.0.2.50");
        assertEquals(stranger, access.client(stranger, headers::get));
        assertEquals(PROXY, access.client(PROXY, name -> null), "no header: the proxy itself is the client");
        assertEquals(PROXY, access.client(PROXY, name -> "not an address"));
        assertEquals(1, metrics.forwardedUnusable.sum());
    }

    @Test
    void bansApplyAtAcceptAndToForwardedClients() throws IOException {
        AccessControl access = start(config("127.0.0.0/8", "", "allow", 0, 0, "203.0.113.0/24, 192.0.2.7", ""));
        assertTrue(access.refusedAtAccept(IpAddress.parse("192.0.2.7")));
        assertFalse(access.refusedAtAccept(PROXY));
        assertEquals(AccessRefusal.BANNED_CLIENT, access.requestRefusal(CLIENT));
        assertNull(access.requestRefusal(IpAddress.parse("198.51.100.1")));
        assertEquals(1, metrics.refusals(AccessRefusal.BANNED_PEER));
        assertEquals(1, metrics.refusals(AccessRefusal.BANNED_CLIENT));
    }

    @Test
    void originsAndMissingOrigin() throws IOException {
        AccessControl access = start(config("", "https://ok.example", "refuse", 0, 0, "", ""));
        assertNull(access.admitUpgrade(CLIENT, "https://ok.example").refusal());
        assertEquals(AccessRefusal.ORIGIN_NOT_ALLOWED, access.admitUpgrade(CLIENT, "https://evil.example").refusal());
        assertEquals(AccessRefusal.ORIGIN_MISSING, access.admitUpgrade(CLIENT, null).refusal());
        access.apply(config("", "", "allow", 0, 0, "", ""));
        assertNull(access.admitUpgrade(CLIENT, "https://evil.example").refusal());
        assertNull(access.admitUpgrade(CLIENT, null).refusal());
    }

    @Test
    void thePerAddressCapHoldsPlacesUntilReleasedAndFollowsReloads() throws IOException {
        AccessControl access = start(config("", "", "allow", 2, 0, "", ""));
        AccessControl.Verdict first = access.admitUpgrade(CLIENT, null);
        AccessControl.Verdict second = access.admitUpgrade(CLIENT, null);
        assertNotNull(first.heldKey());
        assertEquals(AccessRefusal.ADDRESS_CAP, access.admitUpgrade(CLIENT, null).refusal());
        access.apply(config("", "", "allow", 3, 0, "", ""));
        assertNotNull(access.admitUpgrade(CLIENT, null).heldKey(), "a raised cap applies at once");
        access.release(first.heldKey());
        access.release(second.heldKey());
        assertEquals(1, access.trackedAddresses());
    }

    @Test
    void ipv6ClientsAreLimitedPerPrefix() throws IOException {
        AccessControl access = start(config("", "", "allow", 1, 0, "", ""));
        assertNotNull(access.admitUpgrade(IpAddress.parse("2001:db8:1:2::1"), null).heldKey());
        assertEquals(AccessRefusal.ADDRESS_CAP, access.admitUpgrade(IpAddress.parse("2001:db8:1:2:ffff::9"), null)
                .refusal(), "the same /64");
        assertNull(access.admitUpgrade(IpAddress.parse("2001:db8:1:3::1"), null).refusal(), "another /64");
    }

    @Test
    void theRateLimitSaysWhenToRetry() throws IOException {
        AccessControl access = start(config("", "", "allow", 0, 30, "", "")); // burst 2, a token per 2 s
        assertNull(access.admitUpgrade(CLIENT, null).refusal());
        assertNull(access.admitUpgrade(CLIENT, null).refusal());
        AccessControl.Verdict refused = access.admitUpgrade(CLIENT, null);
        assertEquals(AccessRefusal.ADDRESS_RATE, refused.refusal());
        assertEquals(2, refused.retryAfterSeconds());
        clock.advanceSeconds(2);
        assertNull(access.admitUpgrade(CLIENT, null).refusal());
    }

    @Test
    void theBanFileIsReadAtStartOnReloadAndWhenItChanges(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("banned.txt");
        Files.writeString(file, "# blocklist\n\n198.51.100.0/24   # a whole net\n  2001:db8::/32\n");
        AccessControl access = start(config("", "", "allow", 0, 0, "192.0.2.1", file.toString()));
        assertTrue(access.refusedAtAccept(IpAddress.parse("198.51.100.77")));
        assertTrue(access.refusedAtAccept(IpAddress.parse("2001:db8::5")));
        assertTrue(access.refusedAtAccept(IpAddress.parse("192.0.2.1")), "the config's list counts too");

        Files.writeString(file, "203.0.113.0/24\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        access.sweep();
        assertTrue(access.refusedAtAccept(CLIENT), "a changed file is noticed by the sweep");
        assertFalse(access.refusedAtAccept(IpAddress.parse("198.51.100.77")));
        assertTrue(access.refusedAtAccept(IpAddress.parse("192.0.2.1")));

        Files.writeString(file, "203.0.113.0/24\nnot-a-range\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 10_000));
        access.apply(config("", "", "allow", 0, 0, "", file.toString()));
        assertTrue(access.refusedAtAccept(CLIENT), "a bad file keeps the ranges read before");
        assertFalse(access.refusedAtAccept(IpAddress.parse("192.0.2.1")), "while the config's own list changed");
        assertEquals(1, metrics.banFileErrors.sum());
        access.sweep();
        assertEquals(1, metrics.banFileErrors.sum(), "a bad file is reported once, not at every sweep");

        access.apply(config("", "", "allow", 0, 0, "", ""));
        assertFalse(access.refusedAtAccept(CLIENT), "no ban file any more");
    }

    @Test
    void aBadBanFileStopsTheStartNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("banned.txt");
        Files.writeString(file, "10.0.0.0/8\n\n10.0.0.1/8\n");
        assertEquals(file + " line 3: '10.0.0.1/8' has bits set after its prefix (did you mean 10.0.0.0/8?)",
                assertThrows(IOException.class, () -> start(config("", "", "allow", 0, 0, "", file.toString())))
                        .getMessage());
        Path missing = dir.resolve("missing.txt");
        assertEquals(missing + ": no such file", assertThrows(IOException.class,
                () -> start(config("", "", "allow", 0, 0, "", missing.toString()))).getMessage());
    }
}
