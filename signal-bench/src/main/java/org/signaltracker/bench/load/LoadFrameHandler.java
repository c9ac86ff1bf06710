package org.signaltracker.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.util.concurrent.Semaphore;

/**
 * Feeds one simulated client's messages to the scenario. Not shared: one per connection.
 */
final class LoadFrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    private final LoadConnection connection;
    private final Scenario scenario;
    private final LoadStats stats;
    private final Semaphore handshakes;
    private boolean permitHeld = true;

    LoadFrameHandler(LoadConnection connection, Scenario scenario, LoadStats stats, Semaphore handshakes) {
        this.connection = connection;
        this.scenario = scenario;
        this.stats = stats;
        this.handshakes = handshakes;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            releasePermit();
            stats.connected.increment();
            scenario.opened(connection, System.nanoTime());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        String text = frame.text();
        scenario.received(connection, text, LoadMessages.kindOf(text), System.nanoTime());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releasePermit();
        stats.disconnected.increment();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void releasePermit() {
        if (permitHeld) {
            permitHeld = false;
            handshakes.release();
        }
    }
}
