package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A signaling peer that never reads cannot make the daemon hold memory without bound: relays to it are
 * queued (never dropped) until what waits for its socket would pass {@code signaling.reliableQueueBytes},
 * then it is closed (1013) and is offline, so the sender gets 2201 and carries on. The unwritable-close timer
 * is set long here so that the queue bound, not the timer, is what closes it.
 */
class NeverReadingPeerTest {

    private static final int QUEUE_BYTES = 262_144;

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("""
            signaling.reliableQueueBytes = %d
            websocket.unwritableCloseSeconds = 120
            websocket.idleTimeoutSeconds = 120
            """.formatted(QUEUE_BYTES));

    @Test
    void theQueueBoundClosesAPeerThatNeverReads() throws Exception {
        String candidate = "x".repeat(2000);
        try (RawWebSocket sink = new RawWebSocket(SERVER.port(), 4096, "/ws");
                TestClient source = Signaling.identified(SERVER, "source")) {
            sink.sendText("{\"type\":\"IDENTIFY\",\"username\":\"sink\"}");
            assertEquals("AUTH_SUCCESS", Signaling.json(sink.readFrame().text()).get("type"));
            // From here on the sink reads nothing. Kernel buffers fill first, then the daemon's queue.
            Map<String, Object> error = null;
            int sent = 0;
            while (error == null && sent < 8_000) {
                source.send("{\"type\":\"ICE_CANDIDATE\",\"toPeerId\":\"sink\",\"candidate\":\"" + candidate + "\"}");
                sent++;
                String reply = source.poll(0);
                if (reply != null) {
                    error = Signaling.json(reply);
                }
            }
            if (error == null) {
                String reply = source.poll(TestClient.WAIT.toMillis());
                error = reply == null ? null : Signaling.json(reply);
            }
            assertTrue(error != null, "the sink was never closed after " + sent + " relays");
            assertEquals(2201L, Signaling.number(error.get("code")), "after the close the sink is offline: " + error);
            assertNull(SERVER.server().hub().online("sink"));
            assertEquals(0, SERVER.server().metrics().slowConsumersClosed.sum(), "not the unwritable timer");
            assertEquals(0, SERVER.server().metrics().connectionsShed.sum(), "not the held-bytes budget");
            long peak = SERVER.server().heldBytes().peakBytes();
            assertTrue(peak < 4L * QUEUE_BYTES, "the daemon held " + peak + " bytes for the sink at most");
            Await.until("the sink's connection released", TestClient.WAIT,
                    () -> SERVER.server().openWebSockets() == 1);
            source.send("{\"type\":\"PRESENCE\",\"peerIds\":[\"sink\"]}");
            Map<String, Object> next = source.next();
            for (int i = 0; i < sent && "ERROR".equals(next.get("type")); i++) {
                assertEquals(2201L, Signaling.number(next.get("code")), "relays sent before the close was seen");
                next = source.next();
            }
            assertEquals(Map.of("sink", false), next.get("online"));
            assertFalse(source.isClosed(), "the sender is unaffected");
        }
    }
}
