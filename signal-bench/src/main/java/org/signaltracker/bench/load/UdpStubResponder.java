package org.signaltracker.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;

/**
 * A stateless BEP 15 responder that keeps no swarms: connect gets a fixed id, an announce a reply with
 * min(numwant, 50) made-up peers, a scrape zero counts, anything else an error. It reads with recvmmsg and
 * answers a whole batch with one sendmmsg, so on one core it shows how fast the udp scenario can go, the
 * generator's ceiling, with no tracker work in the way. Not a tracker; used by the tests and by hand:
 * {@code java -cp load-generator.jar org.signaltracker.bench.load.UdpStubResponder 127.0.0.1 6970}.
 */
public final class UdpStubResponder {

    static final long CONNECTION_ID = 0x5157_4C4F_4144_0001L;
    static final int MAX_PEERS = 50;

    private final MultiThreadIoEventLoopGroup group;
    private final Channel channel;

    private UdpStubResponder(MultiThreadIoEventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds the responder to a loopback address (port 0: any free port). */
    static UdpStubResponder start(String host, int port) throws InterruptedException {
        MultiThreadIoEventLoopGroup group = EventLoops.create(1, false);
        Bootstrap bootstrap = new Bootstrap().group(group)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new Replies());
        if (Epoll.isAvailable()) {
            bootstrap.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, UdpLoad.MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(UdpLoad.MAX_DATAGRAM * UdpLoad.DATAGRAMS_PER_READ)
                                    .maxMessagesPerRead(UdpLoad.DATAGRAMS_PER_READ * 4));
        } else {
            bootstrap.channel(NioDatagramChannel.class);
        }
        Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
        return new UdpStubResponder(group, channel);
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    void stop() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static final class Replies extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf in = packet.content();
            int at = in.readerIndex();
            int length = in.readableBytes();
            if (length < 16) {
                return;
            }
            int action = in.getInt(at + 8);
            int transactionId = in.getInt(at + 12);
            ByteBuf out;
            if (action == UdpRequests.ACTION_CONNECT && in.getLong(at) == UdpRequests.PROTOCOL_ID) {
                out = ctx.alloc().directBuffer(16).writeInt(0).writeInt(transactionId).writeLong(CONNECTION_ID);
            } else if (action == UdpRequests.ACTION_ANNOUNCE && length >= UdpRequests.ANNOUNCE_LENGTH) {
                int numWant = in.getInt(at + 92);
                int peers = numWant < 0 ? MAX_PEERS : Math.min(numWant, MAX_PEERS);
                out = ctx.alloc().directBuffer(20 + 6 * peers).writeInt(1).writeInt(transactionId).writeInt(1800)
                        .writeInt(peers).writeInt(0);
                for (int i = 0; i < peers; i++) {
                    out.writeInt(0x7F00_0001).writeShort(1024 + i);
                }
            } else if (action == UdpRequests.ACTION_SCRAPE && (length - 16) % 20 == 0) {
                int hashes = (length - 16) / 20;
                out = ctx.alloc().directBuffer(8 + 12 * hashes).writeInt(2).writeInt(transactionId)
                        .writeZero(12 * hashes);
            } else {
                out = ctx.alloc().directBuffer(32).writeInt(3).writeInt(transactionId)
                        .writeBytes("unknown action".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            ctx.write(new DatagramPacket(out, packet.sender()), ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** {@code HOST PORT}: serves until killed; HOST must be a 127.x.x.x address. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || !args[1].matches("\\d{1,5}")) {
            System.err.println("usage: UdpStubResponder 127.x.x.x PORT");
            System.exit(2);
            return;
        }
        UdpStubResponder responder = start(args[0], Integer.parseInt(args[1]));
        System.out.println("udp stub responder on " + args[0] + ":" + responder.port());
        responder.channel.closeFuture().sync();
    }
}
