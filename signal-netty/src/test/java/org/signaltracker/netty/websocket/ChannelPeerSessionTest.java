package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChannelPeerSessionTest {

    @Test
    void sendCopiesTheSliceIntoATextFrame() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelPeerSession session = new ChannelPeerSession(channel);
        byte[] bytes = "xx{\"action\":\"announce\"}yy".getBytes(StandardCharsets.UTF_8);
        assertTrue(session.send(bytes, 2, bytes.length - 4));
        bytes[2] = '!';
        TextWebSocketFrame frame = channel.readOutbound();
        assertEquals("{\"action\":\"announce\"}", frame.text(), "the caller may reuse its array at once");
        frame.release();
    }

    @Test
    void sendToAnUnwritablePeerIsDroppedNotQueued() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        ChannelPeerSession session = new ChannelPeerSession(channel);
        assertFalse(session.send(new byte[] {'{', '}'}, 0, 2));
        channel.flush();
        ByteBuf backlog = channel.readOutbound();
        assertEquals(64, backlog.readableBytes());
        backlog.release();
        assertNull(channel.readOutbound(), "the dropped message was never written");
    }

    @Test
    void sendToAClosedPeerIsDropped() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelPeerSession session = new ChannelPeerSession(channel);
        channel.close();
        assertFalse(session.send(new byte[] {'{', '}'}, 0, 2));
    }

    @Test
    void closeSendsTheCodeAndReasonThenCloses() {
        EmbeddedChannel channel = new EmbeddedChannel();
        new ChannelPeerSession(channel).close(1008, "message rate exceeded");
        CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1008, close.statusCode());
        assertEquals("message rate exceeded", close.reasonText());
        close.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void everySessionHasItsOwnId() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertNotEquals(new ChannelPeerSession(channel).id(), new ChannelPeerSession(channel).id());
    }
}
