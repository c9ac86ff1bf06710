package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepAliveHandlerTest {

    @Test
    void writerIdlePingsAndKeepsTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new KeepAliveHandler());
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        PingWebSocketFrame ping = channel.readOutbound();
        assertInstanceOf(PingWebSocketFrame.class, ping);
        ping.release();
        assertTrue(channel.isOpen());
    }

    @Test
    void readerIdleClosesWith1001IdleTimeout() {
        EmbeddedChannel channel = new EmbeddedChannel(new KeepAliveHandler());
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1001, close.statusCode());
        assertEquals("idle timeout", close.reasonText());
        close.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void idleEventsStopHereAndOtherEventsPassOn() {
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new KeepAliveHandler(), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                seen.add(evt);
            }
        });
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        Object other = new Object();
        channel.pipeline().fireUserEventTriggered(other);
        assertEquals(1, seen.size());
        assertSame(other, seen.get(0));
        assertNull(channel.readOutbound(), "all-idle is not configured and triggers nothing");
    }
}
