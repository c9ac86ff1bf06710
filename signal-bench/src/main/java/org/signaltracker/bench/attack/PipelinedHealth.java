package org.signaltracker.bench.attack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Finding 4: one keep-alive connection pipelines {@code GET /health} requests as fast as the server takes
 * them and never reads a single response. When the server closes it (the handshake timeout does, after
 * 10 s), the attacker comes back on a new connection (at most {@link #MAX_CONNECTIONS}).
 */
final class PipelinedHealth implements Attack {

    /** Connections in all: the server may close one, and the attacker comes back (bounded). */
    static final int MAX_CONNECTIONS = 50;

    @Override
    public String name() {
        return "pipelined-health";
    }

    @Override
    public Outcome run(AttackConfig config, RawClients clients, long deadlineNanos) throws java.io.IOException {
        byte[] request = ("GET /health HTTP/1.1\r\nHost: " + config.target().getHostString() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer batch = ByteBuffer.allocateDirect(config.pipelinedRequests() * request.length);
        for (int i = 0; i < config.pipelinedRequests(); i++) {
            batch.put(request);
        }
        batch.flip();
        clients.keepOneOpen(new RawClients.Plan(false, batch, true, false, 0), MAX_CONNECTIONS, deadlineNanos);
        return Outcome.figures("requests_sent=" + clients.counts().bytesSent / request.length);
    }
}
