package org.signaltracker.netty.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.signaltracker.core.access.AccessControl;
import org.signaltracker.core.access.IpAddress;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.metrics.UdpMetrics;
import org.signaltracker.core.protocol.udp.UdpTrackerDispatcher;

/**
 * Translates datagrams to the {@link UdpTrackerDispatcher} and its replies back: copies each datagram into
 * a reused array, drops it silently when its source is banned, and writes the reply to the sender without
 * a flush; the flush comes once per read batch, in {@link #channelReadComplete}, so that the epoll
 * transport sends the batch with one sendmmsg. A reply is dropped (counted) rather than queued when the
 * socket's send queue is over its high water mark: a datagram answer that waits is worth nothing.
 *
 * <p>One per datagram channel, hence confined to that channel's event loop, as is its dispatcher.
 */
final class UdpTrackerHandler extends ChannelInboundHandlerAdapter {

    private static final ThrottledLog FAILURES = ThrottledLog.warnings(UdpTrackerHandler.class);

    private final UdpTrackerDispatcher dispatcher;
    private final AccessControl access;
    private final UdpMetrics metrics;
    private final byte[] packet = new byte[UdpTrackerListener.MAX_DATAGRAM_BYTES];
    private final byte[] source = new byte[16];

    UdpTrackerHandler(UdpTrackerDispatcher dispatcher, AccessControl access, UdpMetrics metrics) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.metrics = metrics;
    }

    UdpTrackerDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket datagram)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            InetSocketAddress sender = datagram.sender();
            int sourceLength = sourceAddress(sender);
            if (sourceLength == 0) {
                return;
            }
            ByteBuf content = datagram.content();
            int length = Math.min(content.readableBytes(), packet.length);
            content.getBytes(content.readerIndex(), packet, 0, length);
            int replyLength = dispatcher.handle(packet, length, source, sourceLength);
            if (replyLength == 0) {
                return;
            }
            if (!ctx.channel().isWritable()) {
                metrics.countDrop(UdpMetrics.Drop.SEND_QUEUE_FULL);
                return;
            }
            ByteBuf reply = ctx.alloc().directBuffer(replyLength);
            reply.writeBytes(dispatcher.reply(), 0, replyLength);
            ctx.write(new DatagramPacket(reply, sender), ctx.voidPromise());
        } finally {
            datagram.release();
        }
    }

    /**
     * Copies the sender's IP address into {@link #source}: 4 bytes for IPv4, including an IPv4 client seen
     * on a dual-stack socket as {@code ::ffff:a.b.c.d} (it must get IPv4 peers), 16 for IPv6. Returns 0 when
     * the source is banned (counted) or has no address.
     */
    private int sourceAddress(InetSocketAddress sender) {
        if (sender == null || sender.getAddress() == null) {
            return 0;
        }
        byte[] raw = sender.getAddress().getAddress();
        int length = raw.length;
        int from = 0;
        if (length == 16 && isIpv4Mapped(raw)) {
            from = 12;
            length = 4;
        }
        System.arraycopy(raw, from, source, 0, length);
        if (access.refusedAtAccept(IpAddress.of(raw))) {
            // Counted as received here: the dispatcher, which counts the others, never sees it.
            metrics.packetsReceived.increment();
            metrics.countDrop(UdpMetrics.Drop.BANNED);
            return 0;
        }
        return length;
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /** A failed send or read is one datagram lost; the socket stays open for every other client. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FAILURES.report(() -> "UDP tracker socket " + ctx.channel().localAddress() + ": " + cause);
    }
}
