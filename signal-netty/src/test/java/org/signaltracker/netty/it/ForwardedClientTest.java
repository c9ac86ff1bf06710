package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.access.AccessRefusal;

/**
 * Behind a reverse proxy: X-Forwarded-For is believed only from a trusted proxy (127.0.0.1 here, with an
 * inner proxy tier in 10.0.0.0/8 skipped), and the client it names is what the per-address cap and the
 * signaling per-address room limit count. The same header from an untrusted peer (127.0.0.2) changes
 * nothing: that peer is the client.
 */
class ForwardedClientTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "access.trustedProxies = 127.0.0.1, 10.0.0.0/8\n"
            + "access.maxConnectionsPerAddress = 1\nsignaling.maxKeyedRoomsPerAddress = 1\n");

    private static AddressedClient upgrade(String from, String forwardedFor) throws Exception {
        return AddressedClient.upgrade(from, SERVER.port(), "/announce", "X-Forwarded-For: " + forwardedFor + "\r\n");
    }

    private static int createRoom(String from, String forwardedFor) throws Exception {
        try (AddressedClient post = AddressedClient.request(from, SERVER.port(), "POST /room HTTP/1.1\r\nHost: t\r\n"
                + "X-Forwarded-For: " + forwardedFor + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
            return post.status();
        }
    }

    @Test
    void theForwardedClientIsCountedOnlyWhenTheProxyIsTrusted() throws Exception {
        try (AddressedClient a = upgrade("127.0.0.1", "198.51.100.1, 10.0.0.5");
                AddressedClient b = upgrade("127.0.0.1", "198.51.100.2");
                AddressedClient againA = upgrade("127.0.0.1", "192.0.2.99, 198.51.100.1");
                AddressedClient untrusted = upgrade("127.0.0.2", "198.51.100.3");
                AddressedClient untrustedAgain = upgrade("127.0.0.2", "198.51.100.4")) {
            assertEquals(101, a.status(), a.head());
            assertEquals(101, b.status(), "another client behind the same proxy has its own count");
            assertEquals(429, againA.status(), "198.51.100.1 (the rightmost untrusted hop) already holds one");
            assertEquals(101, untrusted.status());
            assertEquals(429, untrustedAgain.status(), "from an untrusted peer the header names nobody: "
                    + "127.0.0.2 is the client, and it holds one");
            assertTrue(a.scrapes() && b.scrapes() && untrusted.scrapes(), "the admitted ones work");
        }
        assertEquals(2, SERVER.server().accessMetrics().refusals(AccessRefusal.ADDRESS_CAP));
        assertTrue(SERVER.server().accessMetrics().forwardedClients.sum() >= 3);
    }

    @Test
    void theSignalingRoomLimitPerAddressCountsTheForwardedClient() throws Exception {
        assertEquals(201, createRoom("127.0.0.1", "203.0.113.1"));
        assertEquals(429, createRoom("127.0.0.1", "203.0.113.1"), "one room per client address");
        assertEquals(201, createRoom("127.0.0.1", "203.0.113.2"), "another client behind the proxy");
        assertEquals(201, createRoom("127.0.0.3", "203.0.113.1"), "untrusted: 127.0.0.3 is the client");
        assertEquals(429, createRoom("127.0.0.3", "203.0.113.7"), "and the header does not change that");
    }
}
