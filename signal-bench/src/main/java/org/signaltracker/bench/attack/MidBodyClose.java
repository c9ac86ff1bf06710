package org.signaltracker.bench.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finding 10: connections that each send a POST promising a 1000-byte body, send 10 bytes of it and close.
 * Harmless to memory; what it measures is the daemon's log: the lines it wrote for all of them together,
 * which must stay bounded (throttled, with a count) however many connections do it.
 */
final class MidBodyClose implements Attack {

    static final int DECLARED_BODY_BYTES = 1000;
    static final int SENT_BODY_BYTES = 10;

    @Override
    public String name() {
        return "mid-body-close";
    }

    @Override
    public Outcome run(AttackConfig config, RawClients clients, long deadlineNanos) throws IOException {
        Path log = config.daemonLog().isEmpty() ? null : Path.of(config.daemonLog());
        long mark = log == null ? 0 : Files.size(log);
        byte[] request = ("POST /announce HTTP/1.1\r\nHost: " + config.target().getHostString() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + DECLARED_BODY_BYTES + "\r\n\r\n"
                + "{\"action\":").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer payload = ByteBuffer.allocateDirect(request.length).put(request).flip();
        clients.open(config.bodyConnections(), i -> new RawClients.Plan(false, payload, false, true, 0), deadlineNanos);
        // The rest of the run gives the daemon time to notice every close and write whatever it writes.
        clients.pumpUntil(deadlineNanos);
        if (log == null) {
            return new Outcome("log_lines=unknown", "no --daemonLog to count the daemon's lines in");
        }
        long lines = linesAfter(log, mark);
        String figures = String.format("closed_mid_body=%d log_lines=%d (%.1f per connection)", clients.counts().payloadsSent,
                lines, lines / (double) Math.max(1, clients.counts().payloadsSent));
        return new Outcome(figures, lines > config.maxLogLines()
                ? lines + " log lines for " + clients.counts().payloadsSent + " connections (limit " + config.maxLogLines() + ")"
                : null);
    }

    /** Lines written to {@code log} after byte offset {@code mark}. */
    static long linesAfter(Path log, long mark) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        long lines = 0;
        for (int i = (int) Math.min(mark, bytes.length); i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
