package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a trusted proxy (127.0.0.1), the peer's address in the swarm is the one X-Forwarded-For names; from
 * an untrusted peer (127.0.0.2) the header changes nothing.
 */
class HttpTrackerBehindProxyTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension(
            "access.trustedProxies = 127.0.0.1\nclassic.minAnnounceIntervalSeconds = 0\n");

    @Test
    void theForwardedAddressIsThePeersAddressOnlyFromATrustedProxy() throws Exception {
        try (TrackerHttp proxied = new TrackerHttp("127.0.0.1", "127.0.0.1", SERVER.port());
                TrackerHttp untrusted = new TrackerHttp("127.0.0.2", "127.0.0.1", SERVER.port());
                TrackerHttp observer = new TrackerHttp("127.0.0.3", "127.0.0.1", SERVER.port())) {
            proxied.get("/announce?" + TrackerHttp.announce("proxy", "proxied", 7601, "started", 0),
                    "X-Forwarded-For: 198.51.100.7\r\n");
            untrusted.get("/announce?" + TrackerHttp.announce("proxy", "untrusted", 7602, "started", 0),
                    "X-Forwarded-For: 203.0.113.9\r\n");
            List<String> peers = HttpTrackerOverTheWireTest.peers(observer.get("/announce?"
                    + TrackerHttp.announce("proxy", "observer", 7603, "started", 100)).dict());
            assertEquals(List.of("127.0.0.2:7602", "198.51.100.7:7601"), peers.stream().sorted().toList());
        }
    }
}
