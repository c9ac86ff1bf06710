package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attack 5 of issue 7: many connections each send most of one large frame and never finish it, so the
 * frame decoder holds every partial frame. Those bytes count against the daemon's budget like any other:
 * the biggest holders are shed, the server stays within its budget and keeps serving a bystander pair,
 * and everything is given back once the attackers are gone.
 */
class UnfinishedFramesAttackTest {

    private static final int BUDGET_MIB = 2;
    private static final int ATTACKERS = 100;

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("""
            websocket.maxFrameBytes = 131072
            websocket.maxMessageBytes = 131072
            websocket.maxHeldMegabytes = %d
            websocket.unfinishedMessageTimeoutSeconds = 2
            """.formatted(BUDGET_MIB));

    @Test
    void partialFramesCountAgainstTheBudgetAndTheBiggestHoldersAreShed() throws Exception {
        byte[] payload = new byte[120_000];
        List<FloodSocket> attackers = new ArrayList<>();
        try (Bystanders bystanders = Bystanders.connect(SERVER)) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            // All connect first: once the budget is nearly full, new upgrades are refused at the door.
            for (int i = 0; i < ATTACKERS; i++) {
                attackers.add(new FloodSocket(SERVER.port(), 0));
            }
            for (FloodSocket attacker : attackers) {
                attacker.writeAll(FloodSocket.frame(RawWebSocket.TEXT, true, 130_000, payload, payload.length),
                        deadline);
            }
            while (SERVER.server().metrics().connectionsShed.sum() == 0) {
                assertTrue(System.nanoTime() < deadline, "nothing was shed while holding "
                        + SERVER.server().heldBytes().heldBytes() + " bytes");
                attackers.get(0).awaitClose(System.nanoTime() + 50_000_000L);
            }
            bystanders.exchange("unfinished-frames");
            // The rest never finish their frames and are closed for it; then newcomers are admitted again.
            Await.until(() -> SERVER.server().openWebSockets() == 2, Duration.ofSeconds(10),
                    () -> (SERVER.server().openWebSockets() - 2) + " attackers are still connected");
            Bystanders.exchangeOfferAndAnswer(SERVER, "after-unfinished-frames");
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
        Await.until(() -> SERVER.server().openWebSockets() == 0, Duration.ofSeconds(10), () -> "connections stay open");
        assertEquals(0, SERVER.server().heldBytes().heldBytes(), "closed connections still count as held");
    }
}
