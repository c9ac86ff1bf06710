package org.signaltracker.bench.attack;

import java.nio.ByteBuffer;

/**
 * Finding 1: one connection sends 125-byte pings (the largest a control frame may carry) as fast as the
 * server takes them and never reads a pong, so every pong the server produces stays queued on its side.
 * When the server closes it, the attacker comes back on a new connection (at most {@link #MAX_CONNECTIONS}).
 */
final class PingFlood implements Attack {

    static final int FRAME_BYTES = ClientFrames.headerBytes(ClientFrames.MAX_CONTROL_PAYLOAD) + ClientFrames.MAX_CONTROL_PAYLOAD;

    /** Connections in all: the server may close one, and the attacker comes back (bounded). */
    static final int MAX_CONNECTIONS = 50;

    @Override
    public String name() {
        return "ping-flood";
    }

    @Override
    public Outcome run(AttackConfig config, RawClients clients, long deadlineNanos) throws java.io.IOException {
        byte[] ping = new byte[ClientFrames.MAX_CONTROL_PAYLOAD];
        ByteBuffer batch = ByteBuffer.allocateDirect(config.pingBatch() * FRAME_BYTES);
        for (int i = 0; i < config.pingBatch(); i++) {
            ClientFrames.frame(batch, ClientFrames.OPCODE_PING, true, ping);
        }
        batch.flip();
        clients.keepOneOpen(new RawClients.Plan(true, batch, true, false, 0), MAX_CONNECTIONS, deadlineNanos);
        return Outcome.figures("pings_sent=" + clients.counts().bytesSent / FRAME_BYTES);
    }
}
