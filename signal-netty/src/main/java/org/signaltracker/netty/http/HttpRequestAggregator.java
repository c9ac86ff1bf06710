package org.signaltracker.netty.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Netty's {@link HttpObjectAggregator}, except that it never asks the channel for more bytes itself.
 * Requests are read one at a time (the channel's auto-read is off): {@link HttpRouteHandler} asks for
 * the next request and keeps asking after each read until a whole one has arrived, which covers a body
 * spread over several reads too. A second source of {@code read()} would let the next pipelined request
 * through while a response is still waiting for its client. Not shared: one per connection.
 */
public final class HttpRequestAggregator extends HttpObjectAggregator {

    public HttpRequestAggregator(int maxRequestBytes) {
        super(maxRequestBytes);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
    }
}
