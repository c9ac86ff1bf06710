package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attack 1 of issue 7: a client sends pings as fast as it can and never reads the pongs. The server must
 * stop reading from it once its pongs back up (so it makes no more of them), close it when it stays
 * stuck, hold no more than its budget meanwhile, and keep serving everyone else.
 */
class PingFloodAttackTest {

    private static final int BUDGET_MIB = 4;

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("""
            websocket.writeBufferLowBytes = 4096
            websocket.writeBufferHighBytes = 8192
            websocket.unwritableCloseSeconds = 1
            websocket.maxHeldMegabytes = %d
            """.formatted(BUDGET_MIB));

    @Test
    void theServerStopsReadingAFloodOfPingsItCannotAnswerAndClosesTheFlooder() throws Exception {
        byte[] ping = FloodSocket.frame(RawWebSocket.PING, true, new byte[125]);
        try (FloodSocket flooder = new FloodSocket(SERVER.port(), 4096);
                Bystanders bystanders = Bystanders.connect(SERVER)) {
            // Loopback buffers hold some 20 MB of pings and pongs before the flooder stalls: a second or less on
            // an idle machine, but up to 20 s when other builds share its two cores. The deadline only bounds a
            // failing run; a passing one ends at the stall.
            long deadline = System.nanoTime() + 40_000_000_000L;
            assertTrue(flooder.floodUntilStalled(ping, 500, deadline),
                    "the server kept reading pings for 40 s (" + flooder.bytesWritten() + " bytes) from a client"
                            + " that reads no pongs");
            // Loopback socket buffers take a few MB before anything backs up; without the stop the server
            // reads pings at hundreds of MB/s and queues a pong for each.
            assertTrue(flooder.bytesWritten() < 64L << 20, "the server took " + flooder.bytesWritten() + " bytes");

            bystanders.exchange("ping-flood");

            Await.until(() -> SERVER.server().metrics().slowConsumersClosed.sum() >= 1, Duration.ofSeconds(30),
                    () -> "the stuck flooder was never closed");
            assertTrue(flooder.awaitClose(System.nanoTime() + 30_000_000_000L) >= 0, "the flooder is still connected");
        }
        long peak = SERVER.server().heldBytes().peakBytes();
        assertTrue(peak <= BUDGET_MIB << 20, "held " + peak + " bytes at the peak");
        Bystanders.exchangeOfferAndAnswer(SERVER, "after-ping-flood");
    }
}
