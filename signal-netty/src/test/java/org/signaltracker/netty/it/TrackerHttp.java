package org.signaltracker.netty.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP tracker client over one plain socket, as desktop clients are: GET requests with a hand-built query,
 * responses read by their Content-Length so that the connection can carry the next one. Binds a chosen local
 * address when asked ({@code 127.0.0.2}, ...). Test code; one thread.
 */
final class TrackerHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private String head = "";
    private byte[] body = new byte[0];

    TrackerHttp(String host, int port) throws IOException {
        this(null, host, port);
    }

    TrackerHttp(String from, String host, int port) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Percent-encodes every byte, as aria2 does for binary ids. */
    static String percent(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%%%02X", b & 0xFF));
        }
        return s.toString();
    }

    /** A 20-byte id from a name, as {@link Wire#id}, percent-encoded. */
    static String id(String name) {
        return percent(Wire.id(name).getBytes(StandardCharsets.US_ASCII));
    }

    /** The query of an announce of {@code peer} in {@code torrent}, listening on {@code port}. */
    static String announce(String torrent, String peer, int port, String event, long left) {
        return "info_hash=" + id(torrent) + "&peer_id=" + id(peer) + "&port=" + port + "&uploaded=0&downloaded=0"
                + "&left=" + left + (event == null ? "" : "&event=" + event) + "&key=5%11%5E%8A%A5d%CB%81"
                + "&compact=1&numwant=50";
    }

    /** Sends {@code GET target HTTP/1.1} with {@code extraHeaders} (each ending in CRLF) and reads the response. */
    TrackerHttp get(String target, String extraHeaders) throws IOException {
        return send("GET " + target + " HTTP/1.1\r\nHost: tracker\r\nUser-Agent: test/1.0\r\n" + extraHeaders + "\r\n");
    }

    TrackerHttp get(String target) throws IOException {
        return get(target, "");
    }

    /** Sends {@code request} as it is and reads the response head and its Content-Length of body. */
    TrackerHttp send(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        while (h.size() < 8192) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before a whole response head: " + h);
            }
            h.write(b);
            byte[] bytes = h.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        head = h.toString(StandardCharsets.ISO_8859_1);
        String length = header("Content-Length");
        body = new byte[length == null ? 0 : Integer.parseInt(length)];
        in.readFully(body);
        return this;
    }

    int status() {
        return RawHttp.statusOf(head);
    }

    String header(String name) {
        return RawHttp.headerOf(head, name);
    }

    byte[] body() {
        return body;
    }

    Map<String, Object> dict() {
        return Bencode.dict(body);
    }

    /** Whether the server has closed the connection: the next read ends the stream (or the socket is reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
