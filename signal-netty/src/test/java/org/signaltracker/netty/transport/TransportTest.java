package org.signaltracker.netty.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportTest {

    private static void assumeLinuxX86_64() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the shipped native epoll library is for linux-x86_64");
    }

    @Test
    void nioIsUsedWhenConfigured() {
        Transport nio = Transport.select("nio");
        assertEquals("nio", nio.name());
        assertEquals("configured", nio.reason());
        assertEquals(NioServerSocketChannel.class, nio.serverChannelClass());
        assertEquals(io.netty.channel.socket.nio.NioDatagramChannel.class, nio.datagramChannelClass());
        assertEquals(false, nio.isNative(), "no SO_REUSEPORT or batched datagrams on NIO");
    }

    @Test
    void autoPicksNativeEpollOnLinuxX86_64() {
        assumeLinuxX86_64();
        Transport auto = Transport.select("auto");
        assertEquals("epoll", auto.name(), auto.reason());
        assertEquals(EpollServerSocketChannel.class, auto.serverChannelClass());
        assertEquals(io.netty.channel.epoll.EpollDatagramChannel.class, auto.datagramChannelClass());
        assertEquals(true, auto.isNative());
    }

    @Test
    void epollWhenDemandedStartsEventLoopsWithNamedThreads() throws Exception {
        assumeLinuxX86_64();
        Transport epoll = Transport.select("epoll");
        MultiThreadIoEventLoopGroup group = epoll.newEventLoopGroup(1, "test-io");
        try {
            String name = group.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            assertEquals(true, name.startsWith("test-io"), name);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void ioUringWhenDemandedRunsTcpOnTheRingAndDatagramsOnEpollLoopsOfTheirOwn() throws Exception {
        assumeLinuxX86_64();
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(),
                "io_uring unavailable here, so this test cannot run: " + io.netty.channel.uring.IoUring.unavailabilityCause());
        Transport uring = Transport.select("io_uring");
        assertEquals("io_uring", uring.name());
        assertEquals(io.netty.channel.uring.IoUringServerSocketChannel.class, uring.serverChannelClass());
        assertEquals(io.netty.channel.uring.IoUringChannelOption.TCP_DEFER_ACCEPT, uring.deferAcceptOption());
        Transport datagrams = uring.datagrams();
        assertEquals("epoll", datagrams.name(), "recvmmsg/sendmmsg batching is the epoll datagram channel's");
        assertEquals(io.netty.channel.epoll.EpollDatagramChannel.class, uring.datagramChannelClass());
        assertEquals(true, datagrams.isNative());
        MultiThreadIoEventLoopGroup group = uring.newEventLoopGroup(1, "test-uring");
        try {
            String name = group.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            assertEquals(true, name.startsWith("test-uring"), name);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void deferredAcceptIsANativeOptionAndEveryTransportButIoUringKeepsItsDatagrams() {
        Transport nio = Transport.select("nio");
        assertEquals(null, nio.deferAcceptOption(), "the JDK's sockets have no TCP_DEFER_ACCEPT");
        assertEquals(nio, nio.datagrams());
        assumeLinuxX86_64();
        Transport epoll = Transport.select("epoll");
        assertEquals(io.netty.channel.epoll.EpollChannelOption.TCP_DEFER_ACCEPT, epoll.deferAcceptOption());
        assertEquals(epoll, epoll.datagrams());
    }
}
