package org.signaltracker.netty.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An attacker's WebSocket: after a normal handshake it writes without ever reading (unless asked to), and
 * never blocks, so a test can see how much the server accepted before it stopped reading. Every loop here
 * ends by a deadline. Loopback only.
 */
final class FloodSocket implements AutoCloseable {

    private final SocketChannel channel;
    private long bytesWritten;

    /** Connects and upgrades; {@code receiveBufferBytes} > 0 shrinks the client's receive buffer first. */
    FloodSocket(int port, int receiveBufferBytes) throws IOException {
        channel = SocketChannel.open();
        if (receiveBufferBytes > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        }
        channel.connect(new InetSocketAddress("127.0.0.1", port));
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        writeFully(("GET /announce HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
        channel.configureBlocking(false);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("closed during the handshake");
            }
            head.write(one.get(0));
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private void writeFully(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** One masked client frame. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        return frame(opcode, fin, payload.length, payload, payload.length);
    }

    /**
     * A masked frame header announcing {@code declaredLength} payload bytes, followed by the first
     * {@code sentLength} bytes of {@code payload}: with fewer than declared, a frame that never ends.
     */
    static byte[] frame(int opcode, boolean fin, int declaredLength, byte[] payload, int sentLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sentLength + 14);
        out.write((fin ? 0x80 : 0) | opcode);
        if (declaredLength < 126) {
            out.write(0x80 | declaredLength);
        } else if (declaredLength < 65_536) {
            out.write(0x80 | 126);
            out.write(declaredLength >>> 8);
            out.write(declaredLength);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) declaredLength >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(mask, 0, 4);
        for (int i = 0; i < sentLength; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }

    /** Writes as much of {@code bytes} as the socket takes now; returns how much that was. */
    int offer(ByteBuffer bytes) throws IOException {
        int written = channel.write(bytes);
        bytesWritten += written;
        return written;
    }

    /** Writes all of {@code bytes}, waiting for the socket at most until {@code deadlineNanos}; false if late. */
    boolean writeAll(byte[] bytes, long deadlineNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_WRITE);
            while (buffer.hasRemaining()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (offer(buffer) == 0) {
                    selector.select(Math.max(1, left / 1_000_000));
                    selector.selectedKeys().clear();
                }
            }
        }
        return true;
    }

    /**
     * Sends {@code frame} over and over until the server has taken nothing for {@code stallMillis} (its
     * buffers and ours are full because it stopped reading) or until {@code deadlineNanos}.
     *
     * @return whether it stalled or the server dropped the connection (false: the server was still reading
     *     at the deadline)
     */
    boolean floodUntilStalled(byte[] frame, long stallMillis, long deadlineNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        long lastProgress = System.nanoTime();
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_WRITE);
            while (System.nanoTime() < deadlineNanos) {
                if (!buffer.hasRemaining()) {
                    buffer.rewind();
                }
                int written;
                try {
                    written = offer(buffer);
                } catch (IOException reset) {
                    return true; // the server dropped us, which also ends the flood
                }
                if (written > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallMillis * 1_000_000L) {
                    return true;
                } else {
                    // Wakes as soon as the server takes more, or after a few ms to check the stall time.
                    selector.select(5);
                    selector.selectedKeys().clear();
                }
            }
        }
        return false;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Reads until a close frame arrives, the server closes the TCP connection, or the deadline; returns the
     * close code, 0 for a TCP close without a close frame, or -1 at the deadline.
     */
    int awaitClose(long deadlineNanos) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (System.nanoTime() < deadlineNanos) {
                int read;
                try {
                    read = channel.read(in);
                } catch (IOException reset) {
                    return 0;
                }
                if (read < 0) {
                    return closeCodeIn(in);
                }
                int code = closeCodeIn(in);
                if (code > 0) {
                    return code;
                }
                if (!in.hasRemaining()) {
                    in.clear(); // only relays and pongs so far; the close frame comes after them
                }
                if (read == 0) {
                    selector.select(10);
                    selector.selectedKeys().clear();
                }
            }
        }
        return -1;
    }

    /** The code of the first close frame in {@code in} (server frames are unmasked), or 0 if none. */
    private static int closeCodeIn(ByteBuffer in) {
        int end = in.position();
        int at = 0;
        while (at + 2 <= end) {
            int opcode = in.get(at) & 0x0F;
            int length = in.get(at + 1) & 0x7F;
            int header = 2;
            if (length == 126) {
                if (at + 4 > end) {
                    return 0;
                }
                length = (in.get(at + 2) & 0xFF) << 8 | (in.get(at + 3) & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (at + 10 > end) {
                    return 0;
                }
                length = (int) in.getLong(at + 2);
                header = 10;
            }
            if (opcode == 0x8) {
                return at + header + 2 <= end ? (in.get(at + header) & 0xFF) << 8 | (in.get(at + header + 1) & 0xFF)
                        : 0;
            }
            at += header + length;
        }
        return 0;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
