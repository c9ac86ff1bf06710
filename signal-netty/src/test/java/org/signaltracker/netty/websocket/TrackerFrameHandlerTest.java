package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;
import org.signaltracker.core.time.ManualClock;
import org.signaltracker.core.tracker.TrackerCore;

class TrackerFrameHandlerTest {

    private static final String HASH = "aaaaaaaaaaaaaaaaaaaa";
    private static final String ANNOUNCE = "{\"action\":\"announce\",\"info_hash\":\"" + HASH
            + "\",\"peer_id\":\"pppppppppppppppppppp\",\"event\":\"started\",\"left\":0}";
    private static final String SCRAPE = "{\"action\":\"scrape\",\"info_hash\":\"" + HASH + "\"}";

    private final ManualClock clock = new ManualClock();
    private final TrackerMetrics metrics = new TrackerMetrics();
    private final TrackerCore core = new TrackerCore(TrackerConfig.defaults(), LimitsConfig.defaults(), clock, metrics);
    private final ChannelGroup webSockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<ChannelPipeline> upgraded = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new TrackerFrameHandler(core,
            TrackerFrameHandler.loopResources(
                    () -> new WebTorrentDispatcher(core, TrackerConfig.defaults(), metrics, clock), 4096),
            webSockets, upgraded::add));

    private void completeHandshake() {
        channel.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/announce", EmptyHttpHeaders.INSTANCE, null));
    }

    private String nextReply() {
        TextWebSocketFrame reply = channel.readOutbound();
        try {
            return reply.text();
        } finally {
            reply.release();
        }
    }

    @Test
    void handshakeRegistersTheConnectionAndRearrangesThePipelineOnce() {
        completeHandshake();
        assertEquals(1, upgraded.size());
        assertSame(channel.pipeline(), upgraded.get(0));
        assertTrue(webSockets.contains(channel), "graceful stop must reach this WebSocket");
        channel.writeInbound(new TextWebSocketFrame(ANNOUNCE));
        assertTrue(nextReply().contains("\"complete\":1"));
        assertEquals(1, core.peerCount());
    }

    @Test
    void closingTheChannelRemovesItsPeersFromTheCore() {
        completeHandshake();
        channel.writeInbound(new TextWebSocketFrame(ANNOUNCE));
        nextReply();
        channel.close();
        assertEquals(0, core.peerCount());
        assertEquals(0, core.swarmCount());
    }

    @Test
    void directBinaryAndOffsetHeapPayloadsAreBothRead() {
        completeHandshake();
        ByteBuf direct = Unpooled.directBuffer().writeBytes(SCRAPE.getBytes(StandardCharsets.UTF_8));
        BinaryWebSocketFrame binary = new BinaryWebSocketFrame(direct);
        channel.writeInbound(binary);
        assertTrue(nextReply().startsWith("{\"action\":\"scrape\""));
        assertEquals(0, binary.refCnt(), "the handler releases what it consumes");

        byte[] padded = ("junk" + SCRAPE + "junk").getBytes(StandardCharsets.UTF_8);
        ByteBuf heap = Unpooled.wrappedBuffer(padded).readerIndex(4).writerIndex(padded.length - 4);
        channel.writeInbound(new TextWebSocketFrame(heap));
        assertTrue(nextReply().startsWith("{\"action\":\"scrape\""), "array offset and reader index are honoured");
    }

    @Test
    void framesBeforeTheHandshakeAreReleasedUnanswered() {
        TextWebSocketFrame early = new TextWebSocketFrame(ANNOUNCE);
        channel.writeInbound(early);
        assertEquals(0, early.refCnt());
        assertNull(channel.readOutbound());
        assertEquals(0, core.peerCount());
    }

    @Test
    void controlFramesPassOn() {
        completeHandshake();
        PingWebSocketFrame ping = new PingWebSocketFrame();
        channel.writeInbound(ping);
        assertSame(ping, channel.readInbound());
        ping.release();
    }

    @Test
    void tooLongMessageClosesWith1009AndAReason() {
        completeHandshake();
        channel.pipeline().fireExceptionCaught(new TooLongFrameException("content length exceeded 8192 bytes."));
        CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1009, close.statusCode());
        assertFalse(close.reasonText().isEmpty());
        close.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void unexpectedErrorClosesTheConnection() {
        completeHandshake();
        channel.pipeline().fireExceptionCaught(new IllegalStateException("boom"));
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound(), "no close frame is invented for an unknown error");
    }
}
