package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code server.deferAcceptSeconds}: the TCP listener asks the kernel to hand over a connection only once its
 * first bytes are in (TCP_DEFER_ACCEPT), and 0 leaves the listener as it was; either way clients are served.
 */
class DeferredAcceptTest {

    private static final String ANNOUNCE = "GET /announce?info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=bbbbbbbbbbbbbbbbbbbb"
            + "&port=6881&compact=1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

    @RegisterExtension
    static final TrackerServerExtension DEFAULTS = new TrackerServerExtension("");

    @RegisterExtension
    static final TrackerServerExtension TURNED_OFF = new TrackerServerExtension("server.deferAcceptSeconds = 0\n");

    private static ChannelOption<Integer> deferAcceptOf(TrackerServerExtension server) {
        ChannelOption<Integer> option = server.server().transport().deferAcceptOption();
        assumeTrue(option != null,
                "TCP_DEFER_ACCEPT needs a native transport; this run is on " + server.server().transport().name());
        return option;
    }

    @Test
    void byDefaultTheListenerDefersAcceptAndAnnouncesAreAnswered() throws Exception {
        // The kernel keeps a count of SYN-ACK retransmissions and reports it back in seconds, so only > 0.
        assertTrue(DEFAULTS.server().listenerOption(deferAcceptOf(DEFAULTS)) > 0, "TCP_DEFER_ACCEPT on the listener");
        assertEquals(200, RawHttp.status(DEFAULTS.port(), ANNOUNCE));
    }

    @Test
    void zeroLeavesTheListenerAcceptingAtOnce() throws Exception {
        assertEquals(0, TURNED_OFF.server().listenerOption(deferAcceptOf(TURNED_OFF)));
        assertEquals(200, RawHttp.status(TURNED_OFF.port(), ANNOUNCE));
    }
}
