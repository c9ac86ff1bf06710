package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attack 3 of issue 7: a client lets relayed offers fill its receive buffer, then floods tiny frames and
 * never reads. Its replies (failures, then a 1008 close) cannot leave, so the server must stop reading
 * from it instead of producing replies and close frames for every frame, and drop it.
 */
class StuckOutboundFloodAttackTest {

    private static final int BUDGET_MIB = 4;

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("""
            websocket.writeBufferLowBytes = 4096
            websocket.writeBufferHighBytes = 8192
            websocket.unwritableCloseSeconds = 2
            websocket.maxHeldMegabytes = %d
            tracker.minAnnounceIntervalSeconds = 0
            limits.messagesPerSecond = 100
            limits.messageBurst = 100
            """.formatted(BUDGET_MIB));

    @Test
    void aFloodFromAClientThatReadsNothingIsNotReadAndTheClientIsDropped() throws Exception {
        try (FloodSocket victim = new FloodSocket(SERVER.port(), 4096);
                Bystanders bystanders = Bystanders.connect(SERVER);
                TestClient feeder = TestClient.connect(SERVER.uri("/"))) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            assertTrue(victim.writeAll(FloodSocket.frame(RawWebSocket.TEXT, true,
                    Wire.announce("stuck", "victim", "started", 100).getBytes(StandardCharsets.UTF_8)), deadline));
            String sdp = "x".repeat(60_000);
            for (int i = 0; SERVER.server().metrics().relaysDropped.sum() == 0; i++) {
                assertTrue(i < 100 && System.nanoTime() < deadline, "relays to the victim were never dropped");
                feeder.send(Wire.announceWithOffer("stuck", "feeder", null, "o" + i, sdp));
                feeder.next();
            }

            byte[] tiny = FloodSocket.frame(RawWebSocket.TEXT, true, "{}".getBytes(StandardCharsets.UTF_8));
            victim.floodUntilStalled(tiny, 500, System.nanoTime() + 5_000_000_000L);
            assertTrue(victim.bytesWritten() < 64L << 20, "the server took " + victim.bytesWritten() + " bytes");

            bystanders.exchange("stuck-flood");
            assertTrue(victim.awaitClose(System.nanoTime() + 10_000_000_000L) >= 0, "the victim was never dropped");
        }
        long peak = SERVER.server().heldBytes().peakBytes();
        assertTrue(peak <= BUDGET_MIB << 20, "held " + peak + " bytes at the peak");
    }
}
