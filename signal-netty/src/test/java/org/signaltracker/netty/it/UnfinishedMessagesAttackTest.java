package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attack 2 of issue 7: many connections each hold a fragmented message that never ends, each within the
 * message limit, together far over the daemon's budget. The server must stop reading from those that grow
 * over the budget, close the ones holding the most with 1013 until it is back under it, and keep serving
 * a bystander pair.
 */
class UnfinishedMessagesAttackTest {

    private static final int BUDGET_MIB = 2;
    private static final int ATTACKERS = 100;

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("""
            websocket.maxFrameBytes = 65536
            websocket.maxMessageBytes = 131072
            websocket.maxHeldMegabytes = %d
            websocket.unfinishedMessageTimeoutSeconds = 2
            """.formatted(BUDGET_MIB));

    @Test
    void connectionsHoldingTheMostAreShedAndTheRestStayWithinTheBudget() throws Exception {
        byte[] part = new byte[60_000];
        List<FloodSocket> attackers = new ArrayList<>();
        try (Bystanders bystanders = Bystanders.connect(SERVER)) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            // All connect first: once the budget is nearly full, new upgrades are refused at the door.
            for (int i = 0; i < ATTACKERS; i++) {
                attackers.add(new FloodSocket(SERVER.port(), 0));
            }
            for (FloodSocket attacker : attackers) {
                // 120 KB of a message that never gets its final frame (2 x 128 KiB would be over the limit).
                try {
                    attacker.writeAll(FloodSocket.frame(RawWebSocket.TEXT, false, part), deadline);
                    attacker.writeAll(FloodSocket.frame(RawWebSocket.CONTINUATION, false, part), deadline);
                } catch (IOException shedWhileWriting) {
                    // Once the budget is full the server may shed an attacker before all of it arrived: the
                    // reset reaches the writer here, and the close is counted below like the others.
                }
            }
            int closed = 0;
            int told = 0;
            for (FloodSocket attacker : attackers) {
                int code = attacker.awaitClose(System.nanoTime() + 200_000_000L);
                // A close with unread input can reach the client as a reset that discards the close frame.
                closed += code >= 0 ? 1 : 0;
                told += code == 1013 ? 1 : 0;
            }
            assertTrue(told > 0, "no attacker was told 1013");
            // Shedding goes on while this loop looks (resumed attackers grow again), so the count can only lag.
            // Only 1013 is compared: on a busy machine writing all attackers can take longer than the 2 s
            // unfinished-message timeout, whose closes (1008, or a reset) are right too.
            assertTrue(told <= SERVER.server().metrics().connectionsShed.sum(),
                    "only shed attackers are told 1013 (" + told + " of " + closed + " closes)");
            bystanders.exchange("unfinished-messages");
            // The rest never finish their messages and are closed for it; then newcomers are admitted again.
            Await.until(() -> SERVER.server().openWebSockets() == 2, Duration.ofSeconds(10),
                    () -> (SERVER.server().openWebSockets() - 2) + " attackers are still connected");
            Bystanders.exchangeOfferAndAnswer(SERVER, "after-unfinished-messages");
        } finally {
            for (FloodSocket attacker : attackers) {
                attacker.close();
            }
        }
        // Over the budget, each connection that grows stops reading after that read: it may add one read and
        // one step of its buffer's growth, so the peak is bounded by the budget plus that much per attacker,
        // well below the 12 MB they sent.
        long peak = SERVER.server().heldBytes().peakBytes();
        assertTrue(peak <= (BUDGET_MIB << 20) + ATTACKERS * 64 * 1024, "held " + peak + " bytes at the peak");
    }
}
