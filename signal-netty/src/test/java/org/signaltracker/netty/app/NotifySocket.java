package org.signaltracker.netty.app;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What systemd is to a {@code Type=notify} service, for tests: a unix datagram socket (a path, or
 * {@code @name} in the abstract namespace) that collects every datagram it receives, in order. Bound with
 * Netty's epoll domain datagram channel, the same native code the notifier sends with.
 */
public final class NotifySocket implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Channel channel;
    private final String name;

    /** @param name a file path, or {@code @name} for the abstract namespace */
    public NotifySocket(String name) throws InterruptedException {
        this.name = name;
        String address = name.startsWith("@") ? "\0" + name.substring(1) : name;
        channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        ByteBuf content = packet.content();
                        received.add(content.toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(address)).sync().channel();
    }

    /** The value NOTIFY_SOCKET would hold. */
    public String name() {
        return name;
    }

    /** The next datagram, or null after {@code seconds}. */
    public String next(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
}
