package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.signaltracker.netty.websocket.SessionFixture.nextText;
import static org.signaltracker.netty.websocket.SessionFixture.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.WebSocketConfig;

class WebSocketSessionTest {

    private static final String HASH = "aaaaaaaaaaaaaaaaaaaa";
    private static final String ANNOUNCE = "{\"action\":\"announce\",\"info_hash\":\"" + HASH
            + "\",\"peer_id\":\"pppppppppppppppppppp\",\"event\":\"started\",\"left\":0}";
    private static final String SCRAPE = "{\"action\":\"scrape\",\"info_hash\":\"" + HASH + "\"}";

    private final SessionFixture fixture = new SessionFixture(new WebSocketConfig(4096, 4096, 30, 180, 10,
            32_768, 65_536, 30, 30, 0));

    @Test
    void startJoinsTheCoreAndAMessageIsAnsweredInOneTextFrame() {
        EmbeddedChannel channel = fixture.open();
        assertEquals(1, fixture.loops.openWebSockets(), "graceful stop must reach this WebSocket");
        channel.writeInbound(new TextWebSocketFrame(ANNOUNCE));
        assertTrue(nextText(channel).contains("\"complete\":1"));
        assertEquals(1, fixture.core.peerCount());
    }

    @Test
    void closingTheChannelRemovesItsPeersAndItsSweepEntry() {
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(new TextWebSocketFrame(ANNOUNCE));
        nextText(channel);
        channel.close();
        assertEquals(0, fixture.core.peerCount());
        assertEquals(0, fixture.core.swarmCount());
        assertEquals(0, fixture.loops.openWebSockets());
    }

    @Test
    void directBinaryAndOffsetHeapPayloadsAreBothRead() {
        EmbeddedChannel channel = fixture.open();
        BinaryWebSocketFrame binary = new BinaryWebSocketFrame(
                Unpooled.directBuffer().writeBytes(SCRAPE.getBytes(StandardCharsets.UTF_8)));
        channel.writeInbound(binary);
        assertTrue(nextText(channel).startsWith("{\"action\":\"scrape\""));
        assertEquals(0, binary.refCnt(), "the session releases what it consumes");

        byte[] padded = ("junk" + SCRAPE + "junk").getBytes(StandardCharsets.UTF_8);
        ByteBuf heap = Unpooled.wrappedBuffer(padded).readerIndex(4).writerIndex(padded.length - 4);
        channel.writeInbound(new TextWebSocketFrame(heap));
        assertTrue(nextText(channel).startsWith("{\"action\":\"scrape\""), "reader index and limit are honoured");
    }

    @Test
    void framesBeforeTheHandshakeCompletesAreReleasedUnanswered() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("tracker", fixture.newSession(channel));
        TextWebSocketFrame early = new TextWebSocketFrame(ANNOUNCE);
        channel.writeInbound(early);
        assertEquals(0, early.refCnt());
        assertNull(channel.readOutbound());
        assertEquals(0, fixture.core.peerCount());
    }

    @Test
    void aFragmentedMessageIsJoinedBeforeItIsHandled() {
        EmbeddedChannel channel = fixture.open();
        int cut = SCRAPE.length() / 2;
        channel.writeInbound(new TextWebSocketFrame(false, 0, SCRAPE.substring(0, cut)));
        assertNull(channel.readOutbound(), "nothing is handled before the last fragment");
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, SCRAPE.substring(cut)));
        assertTrue(nextText(channel).startsWith("{\"action\":\"scrape\""));
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesWith1009AndAReason() {
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(new TextWebSocketFrame(false, 0, "[" + "1,".repeat(1500)));
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0, "1,".repeat(1500)));
        CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1009, close.statusCode());
        assertFalse(close.reasonText().isEmpty());
        close.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void invalidUtf8InATextMessageClosesWith1007ButInABinaryOneGetsAFailure() {
        byte[] bad = "{\"action\":\"scrape\",\"info_hash\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        EmbeddedChannel binary = fixture.open();
        binary.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bad)));
        assertTrue(nextText(binary).contains("failure reason"));
        assertTrue(binary.isOpen());

        EmbeddedChannel text = fixture.open();
        text.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(bad)));
        CloseWebSocketFrame close = text.readOutbound();
        assertEquals(1007, close.statusCode());
        assertFalse(close.reasonText().isEmpty());
        close.release();
        assertFalse(text.isOpen());
    }

    @Test
    void pingIsAnsweredWithAPongCarryingItsPayload() {
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII)));
        PongWebSocketFrame pong = channel.readOutbound();
        assertEquals("hi", pong.content().toString(StandardCharsets.US_ASCII));
        pong.release();
    }

    @Test
    void aCloseFrameIsEchoedAndTheConnectionDropped() {
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(new CloseWebSocketFrame(1000, "bye"));
        CloseWebSocketFrame echo = channel.readOutbound();
        assertEquals(1000, echo.statusCode());
        echo.release();
        assertFalse(channel.isOpen());
        assertEquals(0, fixture.loops.openWebSockets());
    }

    @Test
    void aRelayOutsideAReadIsFlushedAtTheEndOfTheTurn() {
        EmbeddedChannel channel = fixture.open();
        WebSocketSession session = session(channel);
        byte[] relay = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        List<Boolean> flushedWithinTheTurn = new ArrayList<>();
        // As a relay from another connection's read: on the loop, while this session is not reading. (Only
        // one write: an embedded channel runs its pending tasks, the batch among them, on every write.)
        channel.eventLoop().execute(() -> {
            assertTrue(session.send(relay, 0, relay.length));
            flushedWithinTheTurn.add(!channel.outboundMessages().isEmpty());
        });
        channel.runPendingTasks();
        assertEquals(List.of(false), flushedWithinTheTurn, "relays wait for the end of the turn");
        assertEquals("{\"n\":1}", nextText(channel));
    }

    @Test
    void sendCopiesTheCallersBytesAndHonoursTheRange() {
        EmbeddedChannel channel = fixture.open();
        byte[] bytes = "xx{\"action\":\"announce\"}yy".getBytes(StandardCharsets.UTF_8);
        assertTrue(session(channel).send(bytes, 2, bytes.length - 4));
        bytes[2] = '!';
        channel.runPendingTasks();
        assertEquals("{\"action\":\"announce\"}", nextText(channel), "the caller may reuse its array at once");
    }

    @Test
    void sendToAnUnwritablePeerIsDroppedNotQueued() {
        EmbeddedChannel channel = fixture.open();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        assertFalse(session(channel).send(new byte[] {'{', '}'}, 0, 2));
        channel.flush();
        ByteBuf backlog = channel.readOutbound();
        assertEquals(64, backlog.readableBytes());
        backlog.release();
        assertNull(channel.readOutbound(), "the dropped message was never written");
    }

    @Test
    void sendToAClosedPeerIsDropped() {
        EmbeddedChannel channel = fixture.open();
        WebSocketSession session = session(channel);
        channel.close();
        assertFalse(session.send(new byte[] {'{', '}'}, 0, 2));
    }

    @Test
    void closeSendsTheCodeAndReasonThenCloses() {
        EmbeddedChannel channel = fixture.open();
        session(channel).close(1008, "message rate exceeded");
        CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1008, close.statusCode());
        assertEquals("message rate exceeded", close.reasonText());
        close.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void largePayloadsGetTheExtendedLengthHeader() {
        EmbeddedChannel channel = fixture.open();
        String big = "{\"sdp\":\"" + "a".repeat(70_000) + "\"}";
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        assertTrue(session(channel).send(bytes, 0, bytes.length), "16 KiB and more is flushed at once");
        assertEquals(big, nextText(channel));
    }

    @Test
    void unexpectedErrorClosesTheConnectionWithoutInventingACloseFrame() {
        EmbeddedChannel channel = fixture.open();
        channel.pipeline().fireExceptionCaught(new IllegalStateException("boom"));
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound());
    }

    @Test
    void everySessionHasItsOwnId() {
        EmbeddedChannel channel = fixture.open();
        assertNotEquals(session(channel).id(), session(fixture.open()).id());
        assertInstanceOf(String.class, session(channel).remoteAddress());
    }
}
