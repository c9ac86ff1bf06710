package org.signaltracker.netty.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.FRAME_DECODER;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.FRAME_ENCODER;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_AGGREGATOR;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_CODEC;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.HTTP_ROUTES;
import static org.signaltracker.netty.pipeline.TrackerChannelInitializer.TRACKER;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.config.WebSocketConfig;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerCore;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.WebSocketUpgrade;

/** The pipeline in order, before and after the upgrade, and one message through every real stage. */
class TrackerChannelInitializerTest {


    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(), clock, metrics);
    private final WebSocketConfig webSocket = WebSocketConfig.defaults();
    private final LoopResourceTable loops = new LoopResourceTable(
            () -> new WebTorrentDispatcher(core, TrackerConfig.defaults(), metrics, clock), webSocket,
            new HeldBytesBudget(64L << 20));
    private final EmbeddedChannel channel = new EmbeddedChannel(new TrackerChannelInitializer(webSocket,
            new ConnectionLimiter(0), new WebSocketUpgrade(webSocket, core, metrics, loops)));

    /** Every stage but the embedded channel's own tail. */
    private List<String> stages() {
        return channel.pipeline().names().stream().filter(name -> !name.startsWith("DefaultChannelPipeline$")).toList();
    }

    private ByteBuf drainOutbound() {
        channel.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    private void upgrade() {
        String request = "GET /announce HTTP/1.1\r\nHost: tracker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ByteBuf response = drainOutbound();
        String head = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
    }

    /** A masked client text frame (payload under 126 bytes). */
    private static ByteBuf clientTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteBuf frame = Unpooled.buffer().writeByte(0x81).writeByte(0x80 | payload.length).writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    @Test
    void stagesAreAssembledTopToBottom() {
        assertEquals(List.of(HTTP_CODEC, HTTP_AGGREGATOR, HTTP_ROUTES), stages());
    }

    @Test
    void upgradeLeavesTheFrameCodecAndTheTrackerSessionOnly() {
        upgrade();
        assertEquals(List.of(FRAME_ENCODER, FRAME_DECODER, TRACKER), stages());
        assertEquals(1, loops.openWebSockets(), "the session joined once the 101 was written");
    }

    @Test
    void anUpgradeWithoutAKeyIsRefusedWith400AndClosed() {
        String request = "GET /announce HTTP/1.1\r\nHost: tracker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ByteBuf response = drainOutbound();
        String head = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(head.startsWith("HTTP/1.1 400"), head);
        assertTrue(!channel.isOpen());
        assertEquals(0, loops.openWebSockets());
    }

    @Test
    void aMessageTravelsThroughEveryStageAndBack() {
        upgrade();
        channel.writeInbound(clientTextFrame("{\"action\":\"scrape\",\"info_hash\":\"aaaaaaaaaaaaaaaaaaaa\"}"));
        ByteBuf out = drainOutbound();
        try {
            assertEquals(0x81, out.readUnsignedByte(), "one final, unmasked text frame");
            int length = out.readUnsignedByte();
            if (length == 126) {
                length = out.readUnsignedShort();
            }
            String reply = out.readCharSequence(length, StandardCharsets.UTF_8).toString();
            assertTrue(reply.startsWith("{\"action\":\"scrape\""), reply);
            assertEquals(0, out.readableBytes());
        } finally {
            out.release();
        }
        assertEquals(1, metrics.scrapes.sum());
    }

    @Test
    void anUnsupportedWebSocketVersionGets426NamingTheSupportedOne() {
        String request = "GET /announce HTTP/1.1\r\nHost: tracker\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ByteBuf response = drainOutbound();
        String head = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(head.startsWith("HTTP/1.1 426"), head);
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-version: 13"), head);
        assertEquals(0, loops.openWebSockets());
    }
}
