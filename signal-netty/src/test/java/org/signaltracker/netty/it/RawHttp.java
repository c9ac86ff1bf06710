package org.signaltracker.netty.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends one hand-written HTTP request over a plain socket, for requests HttpClient refuses to build. */
final class RawHttp {

    private RawHttp() {
    }

    /** The status code of the response, read from its status line. */
    static int status(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before reading everything; the status line is still there.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n' && line.size() < 200; b = in.read()) {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.US_ASCII);
            if (!status.startsWith("HTTP/1.1 ")) {
                throw new IOException("no status line: '" + status + "'");
            }
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    /**
     * Sends {@code request} and returns everything the server sends until it closes the connection (so the
     * request should ask for {@code Connection: close}, or be one the server closes after).
     */
    static String untilClose(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** The status code of a response head ("HTTP/1.1 200 OK\r\n..."). */
    static int statusOf(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** A header's value in a response head, or null; names compare without case. */
    static String headerOf(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
