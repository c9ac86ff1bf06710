package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.access.AccessRefusal;

/**
 * {@code access.maxConnectionsPerAddress}: the address's next upgrade gets 429 with {@code Retry-After} and
 * a one-line reason while its open WebSockets, and other addresses, are unaffected; a place comes back
 * when one of its WebSockets closes.
 */
class AddressCapTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("access.maxConnectionsPerAddress = 2\n");

    private static AddressedClient upgrade(String from) throws Exception {
        return AddressedClient.upgrade(from, SERVER.port(), "/announce", "");
    }

    @Test
    void theThirdUpgradeFromOneAddressIsRefusedAndTheOthersKeepWorking() throws Exception {
        try (AddressedClient first = upgrade("127.0.0.2");
                AddressedClient second = upgrade("127.0.0.2");
                AddressedClient third = upgrade("127.0.0.2");
                AddressedClient elsewhere = upgrade("127.0.0.3")) {
            assertEquals(101, first.status());
            assertEquals(101, second.status());
            assertEquals(429, third.status(), third.head());
            assertEquals(String.valueOf(AccessRefusal.CAP_RETRY_AFTER_SECONDS), third.header("Retry-After"));
            assertEquals(AccessRefusal.ADDRESS_CAP.reason + "\n", third.bodyUntilClose());
            assertEquals(101, elsewhere.status(), "another address has its own count");
            assertTrue(first.scrapes() && second.scrapes() && elsewhere.scrapes(), "open WebSockets still work");
            assertEquals(1, SERVER.server().accessMetrics().refusals(AccessRefusal.ADDRESS_CAP));

            first.close();
            Await.until("the closed WebSocket's place is given back", Duration.ofSeconds(5),
                    () -> SERVER.server().openWebSockets() == 2);
            try (AddressedClient again = upgrade("127.0.0.2")) {
                assertEquals(101, again.status());
                assertTrue(again.scrapes());
            }
        }
        Await.until("every place is given back and the table forgets the addresses", Duration.ofSeconds(5),
                () -> SERVER.server().access().trackedAddresses() == 0);
    }

    /**
     * An upgrade the handshake refuses (426 for an unknown WebSocket version) leaves the connection on HTTP;
     * the place it took is given back when the same connection asks again, so a retry is not counted twice.
     */
    @Test
    void aRetriedUpgradeOnOneConnectionHoldsOnePlace() throws Exception {
        String badVersion = "GET /announce HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n";
        try (AddressedClient client = AddressedClient.request("127.0.0.6", SERVER.port(), badVersion)) {
            assertEquals(426, client.status(), client.head());
            assertEquals(426, client.next(badVersion).status());
            assertEquals(426, client.next(badVersion).status());
            assertEquals(101, client.next("GET /announce HTTP/1.1\r\nHost: t\r\n" + AddressedClient.UPGRADE_HEADERS
                    + "\r\n").status(), "three refused handshakes hold one place, not three");
            try (AddressedClient second = upgrade("127.0.0.6")) {
                assertEquals(101, second.status(), "the cap of 2 has room for one more");
            }
            assertTrue(client.scrapes());
        }
    }
}
