package org.signaltracker.bench.attack;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A minimal, well-behaved WebSocket client on a blocking socket: the bystander's connection. It reads
 * everything it is sent, answers nothing but what its caller sends, and gives up at the deadline it is
 * given. Not thread-safe: one thread uses it.
 */
final class BlockingWebSocket implements Closeable {

    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private BlockingWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades, or throws when the server refuses or {@code deadlineNanos} passes. */
    static BlockingWebSocket connect(InetSocketAddress target, long deadlineNanos) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(target, remainingMillis(deadlineNanos));
            BlockingWebSocket ws = new BlockingWebSocket(socket);
            ws.out.write(RawClients.upgradeRequest(target).getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            String status = ws.readHeaders(deadlineNanos);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + status);
            }
            return ws;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void sendText(String text) throws IOException {
        out.write(ClientFrames.text(text));
        out.flush();
    }

    /**
     * The next text message, or null when {@code deadlineNanos} passes first. Pings and pongs are skipped
     * (a late pong costs nothing here); a close frame ends the connection with an exception.
     */
    String nextText(long deadlineNanos) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                socket.setSoTimeout(remainingMillis(deadlineNanos));
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if (length > MAX_MESSAGE_BYTES || message.size() + length > MAX_MESSAGE_BYTES) {
                    throw new IOException("message longer than " + MAX_MESSAGE_BYTES + " bytes");
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                int opcode = first & 0x0F;
                if (opcode == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    throw new IOException("server closed the WebSocket with " + code);
                }
                if (opcode == ClientFrames.OPCODE_TEXT || opcode == ClientFrames.OPCODE_CONTINUATION) {
                    message.write(payload);
                    if ((first & 0x80) != 0) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Reads the response headers; returns the status line. */
    private String readHeaders(long deadlineNanos) throws IOException {
        StringBuilder headers = new StringBuilder();
        socket.setSoTimeout(remainingMillis(deadlineNanos));
        InputStream raw = in;
        while (headers.length() < 8192) {
            int b = raw.read();
            if (b < 0) {
                throw new IOException("closed during the upgrade" + (headers.length() > 0 ? ": " + firstLine(headers) : ""));
            }
            headers.append((char) b);
            if (headers.length() >= 4 && headers.lastIndexOf("\r\n\r\n") == headers.length() - 4) {
                return firstLine(headers);
            }
        }
        throw new IOException("upgrade response headers longer than 8 KiB");
    }

    private static String firstLine(StringBuilder text) {
        int end = text.indexOf("\r\n");
        return end < 0 ? text.toString() : text.substring(0, end);
    }

    /** Milliseconds left until {@code deadlineNanos}, at least 1 (0 would mean "no timeout" to a socket). */
    static int remainingMillis(long deadlineNanos) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
