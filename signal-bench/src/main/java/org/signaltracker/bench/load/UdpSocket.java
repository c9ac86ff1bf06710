package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.TimeUnit;
import org.signaltracker.bench.load.ClassicStats.Count;

/**
 * One UDP client socket of the udp scenario and the simulated clients behind it, each with its own
 * connection id, peer id and port. Closed loop over a fixed window: at most {@code window} requests are in
 * flight, at most one per client; each reply (or timeout) lets the next idle client send, round robin.
 * Replies are matched by transaction id ({@code client << 12 | sequence}, so a reply that comes after its
 * request was given up is told apart). Requests are written into each client's own reused direct buffer and
 * flushed once per batch of replies read, so Netty sends them with one sendmmsg; reads are batched with
 * recvmmsg ({@link UdpLoad}). Confined to the socket's event loop.
 */
final class UdpSocket extends ChannelInboundHandlerAdapter {

    private static final int SEQUENCE_BITS = 12;
    private static final int SEQUENCE_MASK = (1 << SEQUENCE_BITS) - 1;

    /** A client's state on this socket. */
    private static final class Client {
        final ClassicPeer peer;
        ByteBuf buffer;
        long connectionId;
        /** When the connection id must no longer be used; 0 = no id. */
        long idExpiresNanos;
        int sequence;
        int transactionId;
        ClassicPeer.Kind kind;
        long sentNanos;
        boolean inFlight;

        Client(ClassicPeer peer) {
            this.peer = peer;
        }
    }

    private final Client[] clients;
    private final int[] idle;
    private int idleHead;
    private int idleCount;
    private int inFlight;
    private final int window;
    private final int scrapeHashes;
    private final long timeoutNanos;
    private final long idLifetimeNanos;
    private final byte[] hashes;
    private final ClassicStats stats;
    private Channel channel;
    private ByteBufAllocator allocator;
    private volatile boolean stopped;

    UdpSocket(ClassicPeer[] peers, LoadConfig config, byte[] hashes, ClassicStats stats) {
        if (peers.length >= 1 << (31 - SEQUENCE_BITS)) {
            throw new IllegalArgumentException("too many clients on one socket: " + peers.length);
        }
        this.clients = new Client[peers.length];
        this.idle = new int[peers.length];
        for (int i = 0; i < peers.length; i++) {
            clients[i] = new Client(peers[i]);
            idle[i] = i;
        }
        this.idleCount = peers.length;
        this.window = config.classic().window();
        this.scrapeHashes = config.classic().scrapeHashes();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.classic().timeoutMillis());
        this.idLifetimeNanos = TimeUnit.SECONDS.toNanos(config.classic().connectionIdSeconds());
        this.hashes = hashes;
        this.stats = stats;
    }

    /** Stops sending (the replies in flight are still read); safe from any thread. */
    void stop() {
        stopped = true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        allocator = ctx.alloc();
        for (Client c : clients) {
            c.buffer = allocator.directBuffer(UdpRequests.MAX_REQUEST_LENGTH);
        }
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
        ctx.executor().scheduleAtFixedRate(this::expire, period, period, TimeUnit.NANOSECONDS);
        fill(System.nanoTime());
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Client c : clients) {
            if (c.buffer != null) {
                c.buffer.release();
                c.buffer = null;
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            received(packet.content(), now);
        } finally {
            packet.release();
        }
        fill(now);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable (no tracker yet, or it stopped) and the like: counted; the socket stays.
        stats.add(Count.SOCKET_ERRORS);
    }

    private void received(ByteBuf reply, long now) {
        int length = reply.readableBytes();
        if (length < 8) {
            stats.add(Count.MALFORMED);
            return;
        }
        int start = reply.readerIndex();
        int action = reply.getInt(start);
        int transactionId = reply.getInt(start + 4);
        int index = transactionId >>> SEQUENCE_BITS;
        Client c = index < clients.length ? clients[index] : null;
        if (c == null || !c.inFlight || c.transactionId != transactionId) {
            stats.add(Count.UNMATCHED);
            return;
        }
        settle(c, index);
        stats.recordLatency(now - c.sentNanos);
        switch (action) {
            case UdpRequests.ACTION_CONNECT -> {
                if (c.kind == ClassicPeer.Kind.CONNECT && length >= 16) {
                    c.connectionId = reply.getLong(start + 8);
                    c.idExpiresNanos = now + idLifetimeNanos;
                    stats.add(Count.CONNECTED);
                } else {
                    stats.add(Count.MALFORMED);
                }
            }
            case UdpRequests.ACTION_ANNOUNCE -> {
                if (c.kind == ClassicPeer.Kind.ANNOUNCE && length >= 20 && (length - 20) % 6 == 0) {
                    stats.add(Count.ANNOUNCED);
                    stats.add(Count.PEERS_RETURNED, (length - 20) / 6);
                } else {
                    stats.add(Count.MALFORMED);
                }
            }
            case UdpRequests.ACTION_SCRAPE -> {
                if (c.kind == ClassicPeer.Kind.SCRAPE && length == 8 + 12 * scrapeHashes) {
                    stats.add(Count.SCRAPED);
                } else {
                    stats.add(Count.MALFORMED);
                }
            }
            case UdpRequests.ACTION_ERROR -> {
                // A refused request (most likely an expired or unknown connection id): connect again.
                stats.add(Count.REFUSED);
                c.idExpiresNanos = 0;
            }
            default -> stats.add(Count.MALFORMED);
        }
    }

    private void settle(Client c, int index) {
        c.inFlight = false;
        inFlight--;
        idle[(idleHead + idleCount) % idle.length] = index;
        idleCount++;
    }

    /** Sends from idle clients until the window is full. */
    private void fill(long now) {
        while (inFlight < window && idleCount > 0 && !stopped) {
            int index = idle[idleHead];
            idleHead = (idleHead + 1) % idle.length;
            idleCount--;
            send(clients[index], index, now);
        }
    }

    private void send(Client c, int index, long now) {
        ByteBuf buffer = c.buffer;
        if (buffer.refCnt() != 1) {
            // Its last request is still queued in the channel (the socket buffer was full): never rewrite it.
            buffer.release();
            buffer = c.buffer = allocator.directBuffer(UdpRequests.MAX_REQUEST_LENGTH);
        }
        ClassicPeer.Kind kind = c.peer.nextKind(c.idExpiresNanos - now > 0, true);
        c.sequence++;
        c.transactionId = index << SEQUENCE_BITS | (c.sequence & SEQUENCE_MASK);
        switch (kind) {
            case CONNECT -> {
                UdpRequests.connect(buffer, c.transactionId);
                stats.add(Count.SENT_CONNECTS);
            }
            case ANNOUNCE -> {
                c.peer.nextAnnounce();
                UdpRequests.announce(buffer, c.connectionId, c.transactionId, c.peer, hashes);
                stats.add(Count.SENT_ANNOUNCES);
            }
            case SCRAPE -> {
                UdpRequests.scrape(buffer, c.connectionId, c.transactionId, c.peer, scrapeHashes, hashes);
                stats.add(Count.SENT_SCRAPES);
            }
        }
        c.kind = kind;
        c.sentNanos = now;
        c.inFlight = true;
        inFlight++;
        channel.write(buffer.retain(), channel.voidPromise());
    }

    /** Gives up requests unanswered for the timeout, and refills the window. */
    private void expire() {
        if (stopped || !channel.isActive()) {
            return;
        }
        long now = System.nanoTime();
        boolean any = false;
        for (int i = 0; i < clients.length; i++) {
            Client c = clients[i];
            if (c.inFlight && now - c.sentNanos > timeoutNanos) {
                stats.add(Count.TIMEOUTS);
                settle(c, i);
                any = true;
            }
        }
        if (any || inFlight < window) {
            fill(now);
            channel.flush();
        }
    }
}
