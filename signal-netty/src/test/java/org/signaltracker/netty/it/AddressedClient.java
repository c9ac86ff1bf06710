package org.signaltracker.netty.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One HTTP request (an upgrade, or any other) from a chosen loopback address ({@code 127.0.0.2},
 * {@code 127.0.0.3}, ...) with any extra header lines, over a plain socket: the JDK's HttpClient can neither
 * bind its local address nor send every header a proxy would. After a 101 the connection is a WebSocket
 * that can send a text frame and read one back; after a refusal the body is the server's one-line reason.
 */
final class AddressedClient implements AutoCloseable {

    static final String UPGRADE_HEADERS = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    /** The status line and headers, lower-cased names kept as sent. */
    private String head = "";

    private AddressedClient(String from, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** A WebSocket upgrade on {@code path} from {@code from}, with {@code extraHeaders} (each ending in CRLF). */
    static AddressedClient upgrade(String from, int port, String path, String extraHeaders) throws IOException {
        return request(from, port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + UPGRADE_HEADERS
                + extraHeaders + "\r\n");
    }

    /** Sends {@code request} as it is and reads the response head. */
    static AddressedClient request(String from, int port, String request) throws IOException {
        AddressedClient client = new AddressedClient(from, port);
        try {
            client.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            client.out.flush();
            client.head = readHead(client.in);
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Connects from {@code from} and sends an upgrade without reading: for peers closed at accept. */
    static AddressedClient connectOnly(String from, int port) throws IOException {
        return new AddressedClient(from, port);
    }

    /**
     * On the same connection: skips the previous response's body (by its Content-Length), sends
     * {@code request} and reads the new response head.
     */
    AddressedClient next(String request) throws IOException {
        String length = header("Content-Length");
        in.readFully(new byte[length == null ? 0 : Integer.parseInt(length)]);
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        head = readHead(in);
        return this;
    }

    int status() {
        return RawHttp.statusOf(head);
    }

    /** A response header's value, or null. */
    String header(String name) {
        return RawHttp.headerOf(head, name);
    }

    String head() {
        return head;
    }

    /** The rest of the response: after a refusal the server closes, so this is the whole body. */
    String bodyUntilClose() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the server ends the connection without sending a byte: a first read ends (end of stream) or
     * the connection is reset.
     */
    boolean closedWithoutAResponse() {
        try {
            out.write(("GET /health HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return in.read() < 0;
        } catch (IOException resetOrBrokenPipe) {
            return true;
        }
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length >= 126) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads the next data frame's text, skipping pings. */
    String readText() throws IOException {
        for (int i = 0; i < 100; i++) {
            int first = in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = (int) in.readLong();
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            if ((first & 0x0F) == 0x1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
        throw new IOException("no text frame within 100 frames");
    }

    /** A scrape round trip on this WebSocket: proves it is open and served. */
    boolean scrapes() throws IOException {
        sendText(Wire.scrape("x"));
        return readText().contains("\"scrape\"");
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a whole response head: '" + head + "'");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return head.toLowerCase(Locale.ROOT);
    }
}
