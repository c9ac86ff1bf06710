package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer that never reads: relays to it are dropped and counted once its buffer passes the high water
 * mark, it is closed after staying unwritable, and the sender is never slowed down or closed.
 */
class BackPressureTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("""
            websocket.writeBufferLowBytes = 4096
            websocket.writeBufferHighBytes = 8192
            websocket.unwritableCloseSeconds = 1
            tracker.minAnnounceIntervalSeconds = 0
            limits.messagesPerSecond = 100000
            limits.messageBurst = 100000
            """);

    @Test
    void relaysToAStalledPeerAreDroppedAndThePeerIsClosed() throws Exception {
        String sdp = "x".repeat(16_000);
        try (RawWebSocket stalled = new RawWebSocket(SERVER.port(), 4096);
                TestClient sender = TestClient.connect(SERVER.uri("/"))) {
            stalled.sendText(Wire.announce("bp", "stalled", "started", 0));
            // From here on the stalled peer reads nothing: the kernel buffers fill, then Netty's.
            long deadline = System.nanoTime() + 20_000_000_000L;
            int sent = 0;
            while (SERVER.server().metrics().slowConsumersClosed.sum() == 0 && System.nanoTime() < deadline
                    && sent < 5_000) {
                sender.send(Wire.announceWithOffer("bp", "sender", null, "o" + sent, sdp));
                sender.next();
                sent++;
            }
            assertTrue(SERVER.server().metrics().relaysDropped.sum() > 0, "relays to the stalled peer were not dropped");
            long closeDeadline = System.nanoTime() + 10_000_000_000L;
            while (SERVER.server().metrics().slowConsumersClosed.sum() == 0 && System.nanoTime() < closeDeadline) {
                Thread.sleep(50);
            }
            assertEquals(1, SERVER.server().metrics().slowConsumersClosed.sum(), "the stalled peer was not closed");
            sender.send(Wire.announce("bp", "sender", null, 0));
            assertEquals("announce", sender.next().get("action"), "the sender is unaffected");
        }
    }
}
