package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A BEP 15 client over a real UDP socket bound to a loopback address of its own, for tests. Every receive
 * waits at most {@link #WAIT_MILLIS}: that bounds a failure, a passing test never waits for it.
 */
final class UdpClient implements AutoCloseable {

    static final int WAIT_MILLIS = 5000;
    private static final long PROTOCOL_ID = 0x41727101980L;

    private final DatagramSocket socket;
    private final InetSocketAddress tracker;
    private int nextTransaction = 1;
    private long connectionId;

    UdpClient(String localAddress, InetSocketAddress tracker) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        this.socket.setSoTimeout(WAIT_MILLIS);
        this.tracker = tracker;
    }

    static byte[] id(String name) {
        return Wire.id(name).getBytes(StandardCharsets.ISO_8859_1);
    }

    void send(byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, tracker));
    }

    /** The next datagram from the tracker; fails after {@link #WAIT_MILLIS}. */
    ByteBuffer receive() throws IOException {
        return receive(WAIT_MILLIS);
    }

    /** The next datagram, or null when none came within {@code millis}. */
    ByteBuffer receive(int millis) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(millis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            if (millis == WAIT_MILLIS) {
                throw e;
            }
            return null;
        }
        assertEquals(tracker, packet.getSocketAddress(), "the reply comes from the address the request went to");
        return ByteBuffer.wrap(Arrays.copyOf(buffer, packet.getLength()));
    }

    /** Connects and keeps the id for the next requests. */
    long connect() throws IOException {
        int transaction = nextTransaction++;
        send(ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(transaction).array());
        ByteBuffer reply = receive();
        assertEquals(16, reply.remaining());
        assertEquals(0, reply.getInt(0));
        assertEquals(transaction, reply.getInt(4));
        connectionId = reply.getLong(8);
        return connectionId;
    }

    /** The reply to an announce with the kept id; {@code event}: 0 none, 1 completed, 2 started, 3 stopped. */
    ByteBuffer announce(String hash, String peer, int event, long left, int port) throws IOException {
        return announce(connectionId, hash, peer, event, left, port);
    }

    ByteBuffer announce(long id, String hash, String peer, int event, long left, int port) throws IOException {
        int transaction = nextTransaction++;
        send(ByteBuffer.allocate(98).putLong(id).putInt(1).putInt(transaction).put(id(hash)).put(id(peer))
                .putLong(0).putLong(left).putLong(0).putInt(event).putInt(0).putInt(77).putInt(-1)
                .putShort((short) port).array());
        ByteBuffer reply = receive();
        assertEquals(transaction, reply.getInt(4));
        return reply;
    }

    /** seeders, completed, leechers of each hash, in order. */
    int[] scrape(String... hashes) throws IOException {
        int transaction = nextTransaction++;
        ByteBuffer request = ByteBuffer.allocate(16 + 20 * hashes.length).putLong(connectionId).putInt(2)
                .putInt(transaction);
        for (String hash : hashes) {
            request.put(id(hash));
        }
        send(request.array());
        ByteBuffer reply = receive();
        assertEquals(2, reply.getInt(0));
        assertEquals(transaction, reply.getInt(4));
        int[] counts = new int[3 * hashes.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = reply.getInt(8 + 4 * i);
        }
        return counts;
    }

    /** The text of an error reply, after checking its action and transaction id. */
    static String errorText(ByteBuffer reply, int transaction) {
        assertEquals(3, reply.getInt(0));
        assertEquals(transaction, reply.getInt(4));
        return new String(reply.array(), 8, reply.remaining() - 8, StandardCharsets.US_ASCII);
    }

    int lastTransaction() {
        return nextTransaction - 1;
    }

    @Override
    public void close() {
        socket.close();
    }
}
