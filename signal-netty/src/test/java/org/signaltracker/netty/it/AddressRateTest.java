package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.access.AccessRefusal;

/**
 * {@code access.connectionsPerMinutePerAddress} with a burst: the burst is admitted at once, the next
 * upgrade gets 429 with the seconds until a token is back as {@code Retry-After}, and other addresses keep
 * their own buckets. Closing connections gives no tokens back: it is a rate, not a cap.
 */
class AddressRateTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "access.connectionsPerMinutePerAddress = 1\naccess.connectionBurstPerAddress = 2\n");

    private static AddressedClient upgrade(String from) throws Exception {
        return AddressedClient.upgrade(from, SERVER.port(), "/announce", "");
    }

    @Test
    void theBurstThenTheRate() throws Exception {
        try (AddressedClient first = upgrade("127.0.0.4")) {
            assertEquals(101, first.status());
        }
        try (AddressedClient second = upgrade("127.0.0.4")) {
            assertEquals(101, second.status());
            assertTrue(second.scrapes());
        }
        try (AddressedClient third = upgrade("127.0.0.4")) {
            assertEquals(429, third.status(), third.head());
            int retryAfter = Integer.parseInt(third.header("Retry-After"));
            assertTrue(retryAfter > 50 && retryAfter <= 60, "a token a minute: " + retryAfter);
            assertEquals(AccessRefusal.ADDRESS_RATE.reason + "\n", third.bodyUntilClose());
        }
        try (AddressedClient other = upgrade("127.0.0.5")) {
            assertEquals(101, other.status(), "another address has its own bucket");
        }
        assertEquals(1, SERVER.server().accessMetrics().refusals(AccessRefusal.ADDRESS_RATE));
    }
}
