package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.netty.websocket.SessionFixture.passSeconds;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.ConfigFile;
import org.signaltracker.core.config.WebSocketConfig;

/** A reload reaches the once-a-second pass of every loop: open sessions meet the new timeouts. */
class SessionSweepReloadTest {

    // ping after 20 s without writing, idle close after 60 s without reading
    private final SessionFixture fixture =
            new SessionFixture(new WebSocketConfig(4096, 4096, 20, 60, 10, 8, 16, 3, 30, 0));

    @Test
    void aLoweredIdleTimeoutClosesAnOpenQuietSessionAtTheNextPasses() throws Exception {
        EmbeddedChannel channel = fixture.open();
        passSeconds(channel, 3);
        assertTrue(channel.isOpen());

        fixture.loops.reconfigure(ConfigFile.parse("websocket.pingIntervalSeconds = 1\n"
                + "websocket.idleTimeoutSeconds = 2\n"));
        channel.runPendingTasks();
        passSeconds(channel, 1);
        CloseWebSocketFrame close = null;
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            if (out instanceof CloseWebSocketFrame frame) {
                close = frame;
            } else {
                ((ByteBuf) out).release();
            }
        }
        assertTrue(close != null, "3 s quiet is more than the reloaded 2 s");
        assertEquals(1001, close.statusCode());
        assertEquals("idle timeout", close.reasonText());
        close.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void aLoopThatMissedTheReloadCatchesUpOnItsNextPass() throws Exception {
        EmbeddedChannel channel = fixture.open();
        // The task the reload posts is never run here (passSeconds runs scheduled tasks only), as for a loop
        // made while the reload was being posted ...
        fixture.loops.reconfigure(ConfigFile.parse("websocket.pingIntervalSeconds = 1\n"
                + "websocket.idleTimeoutSeconds = 2\n"));
        // ... yet the sweep reads the latest reload before its pass.
        passSeconds(channel, 3);
        assertFalse(channel.isOpen(), "closed by the reloaded idle timeout, not the started 60 s");
    }
}
