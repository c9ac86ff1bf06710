package org.signaltracker.bench.attack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One {@code GET /health} on a fresh connection, timed: the operator's view of whether the daemon still
 * serves. Stateless; thread-safe.
 */
final class HealthProbe {

    /** The HTTP status (-1 when there was no answer) and how long it took. */
    record Result(int status, long millis, String error) {
        boolean ok() {
            return status == 200;
        }

        String summary() {
            return status > 0 ? status + " in " + millis + " ms" : "no answer after " + millis + " ms (" + error + ")";
        }
    }

    private HealthProbe() {
    }

    static Result get(InetSocketAddress target, int timeoutMillis) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(target, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: " + target.getHostString() + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b; line.length() < 64 && (b = in.read()) >= 0 && b != '\r'; ) {
                line.append((char) b);
            }
            String[] parts = line.toString().split(" ");
            int status = parts.length >= 2 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
            return new Result(status, millisSince(start), status < 0 ? "bad status line: " + line : "");
        } catch (IOException e) {
            return new Result(-1, millisSince(start), e.toString());
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
