package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * A tracker core and sessions on embedded channels, each as if its handshake had just completed. Every
 * embedded channel has its own loop, so each session gets its own loop resources and sweep.
 */
final class SessionFixture {

    final ManualClock clock = new ManualClock();
    final TrackerMetrics metrics = new TrackerMetrics();
    final TrackerCore core;
    final WebSocketConfig config;
    final LoopResourceTable loops;

    SessionFixture(WebSocketConfig config) {
        this(config, TrackerConfig.defaults());
    }

    SessionFixture(WebSocketConfig config, TrackerConfig tracker) {
        this.config = config;
        this.core = new TrackerCore(tracker, LimitsConfig.defaults(), clock, metrics);
        this.loops = new LoopResourceTable(() -> new WebTorrentDispatcher(core, tracker, metrics, clock), config,
                new HeldBytesBudget(HeldBytesBudget.resolveBytes(config.maxHeldMegabytes(), 1L << 30, 1L << 30)));
    }

    /** A channel whose only handler is a started session. */
    EmbeddedChannel open() {
        EmbeddedChannel channel = new EmbeddedChannel();
        WebSocketSession session = newSession(channel);
        channel.pipeline().addLast("tracker", session);
        session.start(null);
        return channel;
    }

    /**
     * A channel with a started session that belongs to {@code loopOwner}'s loop resources, as if both were
     * on one event loop (embedded channels each have their own); all run on the test thread anyway.
     */
    EmbeddedChannel openOnLoopOf(EmbeddedChannel loopOwner) {
        EmbeddedChannel channel = new EmbeddedChannel();
        WebSocketSession session = new WebSocketSession(loops.forLoop(loopOwner.eventLoop()),
                UpgradeTarget.Protocol.WEBTORRENT, metrics, config.maxMessageBytes());
        channel.pipeline().addLast("tracker", session);
        session.start(null);
        return channel;
    }

    WebSocketSession newSession(EmbeddedChannel channel) {
        return new WebSocketSession(loops.forLoop(channel.eventLoop()), UpgradeTarget.Protocol.WEBTORRENT, metrics,
                config.maxMessageBytes());
    }

    static WebSocketSession session(EmbeddedChannel channel) {
        return (WebSocketSession) channel.pipeline().get("tracker");
    }

    /** Lets the loop's once-a-second sweep run {@code seconds} times. */
    static void passSeconds(EmbeddedChannel channel, int seconds) {
        for (int i = 0; i < seconds; i++) {
            channel.advanceTimeBy(1, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    /** The payload of the next outbound message, which must be one unmasked final text frame. */
    static String nextText(EmbeddedChannel channel) {
        ByteBuf frame = channel.readOutbound();
        assertTrue(frame != null, "expected an outbound text frame");
        try {
            assertEquals(0x81, frame.readUnsignedByte(), "final text frame");
            int length = frame.readUnsignedByte();
            assertTrue(length < 0x80, "server frames are not masked");
            if (length == 126) {
                length = frame.readUnsignedShort();
            } else if (length == 127) {
                length = (int) frame.readLong();
            }
            assertEquals(length, frame.readableBytes(), "the frame holds exactly its payload");
            return frame.toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }
}
