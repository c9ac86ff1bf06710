package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signaltracker.core.config.SignalingConfig;

/**
 * Issue 8 section 1 with the default config: one peer sends another 10,000 ICE_CANDIDATEs back to back over
 * a real socket; every one arrives, in order and unchanged but for the stamp, with no ERROR to the sender
 * and no close on either side. Delivery to a signaling peer is never dropped for being momentarily slow.
 */
class TenThousandCandidatesTest {

    private static final int COUNT = 10_000;

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void tenThousandCandidatesArriveInOrder() throws Exception {
        try (RawWebSocket sender = new RawWebSocket(SERVER.port(), 0, "/ws");
                TestClient receiver = Signaling.identified(SERVER, "receiver")) {
            sender.sendText("{\"type\":\"IDENTIFY\",\"username\":\"sender\"}");
            assertEquals("AUTH_SUCCESS", Signaling.json(sender.readFrame().text()).get("type"));
            // Written without waiting for anything: back to back, as fast as the socket takes them.
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < COUNT; i++) {
                sender.sendText("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"receiver\",\"candidate\":"
                        + "\"candidate:" + i + " 1 udp 2122260223 192.0.2.1 " + (50000 + i % 1000) + " typ host\","
                        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
            }
            for (int i = 0; i < COUNT; i++) {
                String text = receiver.poll(TestClient.WAIT.toMillis());
                assertNotNull(text, "candidate " + i + " did not arrive");
                assertEquals("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"receiver\",\"candidate\":\"candidate:" + i
                        + " 1 udp 2122260223 192.0.2.1 " + (50000 + i % 1000) + " typ host\",\"sdpMid\":\"0\","
                        + "\"sdpMLineIndex\":0,\"fromPeerId\":\"sender\"}", text);
            }
            // The sender got no ERROR: the next thing it reads is the answer to this PRESENCE.
            sender.sendText("{\"type\":\"PRESENCE\",\"peerIds\":[\"receiver\"]}");
            assertEquals("PRESENCE", Signaling.json(sender.readFrame().text()).get("type"));
            assertFalse(receiver.isClosed());
            assertEquals(COUNT, SERVER.server().signalingMetrics().relays.sum());
            assertEquals(0, SERVER.server().signalingMetrics().relaysRefused.sum(), "none refused");
            long peak = SERVER.server().heldBytes().peakBytes();
            assertTrue(peak < SignalingConfig.defaults().reliableQueueBytes(), "peak held bytes " + peak);
        }
    }
}
