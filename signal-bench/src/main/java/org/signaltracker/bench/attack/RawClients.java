package org.signaltracker.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Many raw TCP clients driven by one selector. Each connects from one of the source addresses 127.0.0.1 ..
 * 127.0.0.N (so ephemeral ports last), optionally completes a WebSocket upgrade, then sends its payload
 * once or over and over, and then holds the connection or closes it. The only bytes ever read are the
 * upgrade response's headers: everything the server sends afterwards stays unread, so it fills the
 * client's receive buffer and then backs up in the server, which is the point of these attacks.
 *
 * <p>Every wait is bounded: a connection not through its handshake within {@link #HANDSHAKE_TIMEOUT_NANOS}
 * is dropped, and every pump stops at the deadline it is given. Not thread-safe: confined to the thread
 * that created it (the attack's main thread).
 */
final class RawClients implements AutoCloseable {

    /** Connections at most in the connect or handshake phase at once, so a burst cannot overrun the backlog. */
    static final int MAX_HANDSHAKING = 256;
    static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Writes per writable connection per selector turn, so one flooding connection cannot starve the rest. */
    private static final int WRITES_PER_TURN = 16;
    private static final long SELECT_MILLIS = 10;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] SWITCHING = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);

    /**
     * What one connection does: upgrade first or not; the payload to send (shared, never modified: each
     * connection sends a duplicate), once or until the deadline; then hold or close; and an optional small
     * receive buffer (0 keeps the system's), which makes a connection that never reads back up sooner.
     */
    record Plan(boolean upgrade, ByteBuffer payload, boolean repeat, boolean closeWhenSent, int receiveBufferBytes) {
    }

    private enum State { CONNECTING, HANDSHAKE, SENDING, IDLE, CLOSED }

    /** One connection's state. */
    static final class Client {
        private final Plan plan;
        private final long startNanos;
        private SocketChannel channel;
        private SelectionKey key;
        private State state = State.CONNECTING;
        private ByteBuffer out;
        private boolean repeat;
        private int headerMatched;
        private int statusMatched;
        private int statusRead;

        private Client(Plan plan, long startNanos) {
            this.plan = plan;
            this.startNanos = startNanos;
        }

        boolean isOpen() {
            return state != State.CLOSED;
        }
    }

    /** Running totals of what the clients saw. */
    static final class Counts {
        long opened;
        long connected;
        long upgraded;
        /** Upgrade answered with something other than 101 (for example 503), or closed before answering. */
        long refused;
        /** Connect refused, timed out or failed locally (no free port). */
        long failed;
        /** A write failed: the server closed or reset the connection. */
        long closedByServer;
        long bytesSent;
        /** Payloads sent in full (a repeating payload counts once per repetition). */
        long payloadsSent;

        @Override
        public String toString() {
            return String.format("opened=%d connected=%d upgraded=%d refused=%d failed=%d closed_by_server=%d sent=%.1f MiB",
                    opened, connected, upgraded, refused, failed, closedByServer, bytesSent / 1048576.0);
        }
    }

    private final InetSocketAddress target;
    private final int sourceAddresses;
    private final byte[] upgradeRequest;
    private final Selector selector;
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private final List<Client> clients = new ArrayList<>();
    private final Counts counts = new Counts();
    private int handshaking;
    private long lastTimeoutCheck;

    RawClients(InetSocketAddress target, int sourceAddresses) throws IOException {
        this.target = target;
        this.sourceAddresses = sourceAddresses;
        this.upgradeRequest = upgradeRequest(target).getBytes(StandardCharsets.US_ASCII);
        this.selector = Selector.open();
    }

    static String upgradeRequest(InetSocketAddress target) {
        return "GET /announce HTTP/1.1\r\nHost: " + target.getHostString() + ":" + target.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: c2lnbmFsLXRyYWNrZXItYXR0YWNr\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
    }

    Counts counts() {
        return counts;
    }

    /**
     * Opens {@code count} connections following {@code plans}, at most {@link #MAX_HANDSHAKING} in their
     * handshake at once, and pumps until each is past its handshake or {@code deadlineNanos}. Payloads are
     * sent meanwhile. Returns the new clients.
     */
    List<Client> open(int count, IntFunction<Plan> plans, long deadlineNanos) throws IOException {
        List<Client> opened = new ArrayList<>(count);
        int next = 0;
        while (System.nanoTime() < deadlineNanos && (next < count || handshaking > 0)) {
            while (next < count && handshaking < MAX_HANDSHAKING && System.nanoTime() < deadlineNanos) {
                opened.add(connect(next, plans.apply(next)));
                next++;
            }
            pumpOnce();
        }
        return opened;
    }

    /** Pumps until {@code deadlineNanos}: repeating payloads keep flowing, stalled writes resume. */
    void pumpUntil(long deadlineNanos) throws IOException {
        while (System.nanoTime() < deadlineNanos) {
            pumpOnce();
        }
    }

    /**
     * Keeps one connection following {@code plan} open until {@code deadlineNanos}: when the server closes
     * it, another takes its place, as a determined client would reconnect; at most {@code maxOpens} in all.
     */
    void keepOneOpen(Plan plan, int maxOpens, long deadlineNanos) throws IOException {
        Client current = null;
        int opens = 0;
        while (System.nanoTime() < deadlineNanos) {
            if ((current == null || !current.isOpen()) && opens < maxOpens) {
                opens++;
                List<Client> opened = open(1, i -> plan, deadlineNanos);
                current = opened.isEmpty() ? null : opened.get(0);
            }
            pumpOnce();
        }
    }

    /** Gives {@code client} a new payload to send (once or repeating); ignored when it is closed. */
    void send(Client client, ByteBuffer payload, boolean repeat) {
        if (client.state == State.CLOSED || client.state == State.CONNECTING || client.state == State.HANDSHAKE) {
            return;
        }
        client.out = payload.duplicate();
        client.repeat = repeat;
        client.state = State.SENDING;
        client.key.interestOps(SelectionKey.OP_WRITE);
    }

    /**
     * Connections still open, found by reading each one (the first read after the handshake: the attack
     * is over). A read of end-of-stream or a reset means the server closed it. Bounded: at most a few
     * reads per connection, whatever is queued.
     */
    int countOpen() {
        int open = 0;
        for (Client c : clients) {
            if (c.state == State.CLOSED) {
                continue;
            }
            try {
                int n = 0;
                for (int reads = 0; reads < 4 && (n = c.channel.read(scratch.clear())) > 0; reads++) {
                    // data the server sent: the connection is alive
                }
                if (n < 0) {
                    closed(c, true);
                } else {
                    open++;
                }
            } catch (IOException e) {
                closed(c, true);
            }
        }
        return open;
    }

    @Override
    public void close() {
        for (Client c : clients) {
            if (c.state != State.CLOSED) {
                closed(c, false);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private Client connect(int index, Plan plan) {
        Client c = new Client(plan, System.nanoTime());
        clients.add(c);
        counts.opened++;
        handshaking++;
        try {
            c.channel = SocketChannel.open();
            c.channel.configureBlocking(false);
            c.channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (plan.receiveBufferBytes() > 0) {
                c.channel.setOption(StandardSocketOptions.SO_RCVBUF, plan.receiveBufferBytes());
            }
            c.channel.bind(new InetSocketAddress("127.0.0." + (1 + index % sourceAddresses), 0));
            c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
            if (c.channel.connect(target)) {
                connected(c);
            }
        } catch (IOException e) {
            failed(c);
        }
        return c;
    }

    private void pumpOnce() throws IOException {
        selector.select(SELECT_MILLIS);
        for (SelectionKey key : selector.selectedKeys()) {
            Client c = (Client) key.attachment();
            if (!key.isValid() || c.state == State.CLOSED) {
                continue;
            }
            try {
                switch (c.state) {
                    case CONNECTING -> {
                        if (c.channel.finishConnect()) {
                            connected(c);
                        }
                    }
                    case HANDSHAKE -> readHandshake(c);
                    case SENDING -> write(c);
                    default -> key.interestOps(0);
                }
            } catch (IOException e) {
                if (c.state == State.CONNECTING) {
                    failed(c);
                } else if (c.state == State.HANDSHAKE) {
                    refused(c);
                } else {
                    closed(c, true);
                }
            }
        }
        selector.selectedKeys().clear();
        dropStalledHandshakes();
    }

    private void connected(Client c) throws IOException {
        counts.connected++;
        if (c.plan.upgrade()) {
            // A few hundred bytes into an empty send buffer: one write takes them all.
            c.channel.write(ByteBuffer.wrap(upgradeRequest));
            c.state = State.HANDSHAKE;
            c.key.interestOps(SelectionKey.OP_READ);
        } else {
            handshakeDone(c);
        }
    }

    /**
     * Reads the upgrade response up to the end of its headers. Nothing can follow them yet: the server
     * sends nothing on a new WebSocket until the client has sent something, so a whole read is safe.
     */
    private void readHandshake(Client c) throws IOException {
        while (true) {
            int n = c.channel.read(scratch.clear());
            if (n == 0) {
                return;
            }
            if (n < 0) {
                refused(c);
                return;
            }
            for (int i = 0; i < n; i++) {
                byte b = scratch.get(i);
                if (c.statusRead < SWITCHING.length) {
                    c.statusMatched += b == SWITCHING[c.statusRead] ? 1 : 0;
                    c.statusRead++;
                }
                c.headerMatched = b == HEADER_END[c.headerMatched] ? c.headerMatched + 1 : (b == '\r' ? 1 : 0);
                if (c.headerMatched == HEADER_END.length) {
                    if (c.statusMatched == SWITCHING.length) {
                        counts.upgraded++;
                        handshakeDone(c);
                    } else {
                        refused(c);
                    }
                    return;
                }
            }
        }
    }

    private void handshakeDone(Client c) {
        handshaking--;
        if (c.plan.payload() != null) {
            c.out = c.plan.payload().duplicate();
            c.repeat = c.plan.repeat();
            c.state = State.SENDING;
            c.key.interestOps(SelectionKey.OP_WRITE);
        } else {
            c.state = State.IDLE;
            c.key.interestOps(0);
        }
    }

    private void write(Client c) throws IOException {
        for (int i = 0; i < WRITES_PER_TURN; i++) {
            int n = c.channel.write(c.out);
            counts.bytesSent += n;
            if (c.out.hasRemaining()) {
                if (n == 0) {
                    return; // the server is not reading: wait for OP_WRITE
                }
                continue;
            }
            counts.payloadsSent++;
            if (c.repeat) {
                c.out.position(0);
                continue;
            }
            if (c.plan.closeWhenSent()) {
                closed(c, false);
            } else {
                c.state = State.IDLE;
                c.key.interestOps(0);
            }
            return;
        }
    }

    private void dropStalledHandshakes() {
        long now = System.nanoTime();
        if (handshaking == 0 || now - lastTimeoutCheck < TimeUnit.MILLISECONDS.toNanos(250)) {
            return;
        }
        lastTimeoutCheck = now;
        for (Client c : clients) {
            if ((c.state == State.CONNECTING || c.state == State.HANDSHAKE) && now - c.startNanos > HANDSHAKE_TIMEOUT_NANOS) {
                if (c.state == State.CONNECTING) {
                    failed(c);
                } else {
                    refused(c);
                }
            }
        }
    }

    private void failed(Client c) {
        counts.failed++;
        handshaking--;
        shut(c);
    }

    private void refused(Client c) {
        counts.refused++;
        handshaking--;
        shut(c);
    }

    private void closed(Client c, boolean byServer) {
        if (byServer) {
            counts.closedByServer++;
        }
        shut(c);
    }

    private static void shut(Client c) {
        c.state = State.CLOSED;
        if (c.key != null) {
            c.key.cancel();
        }
        try {
            if (c.channel != null) {
                c.channel.close();
            }
        } catch (IOException e) {
            // already gone
        }
    }
}
