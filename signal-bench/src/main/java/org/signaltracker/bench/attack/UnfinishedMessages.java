package org.signaltracker.bench.attack;

import java.nio.ByteBuffer;

/**
 * Finding 2: many connections each start a fragmented text message just within
 * {@code websocket.maxMessageBytes} (a non-final text frame, then non-final continuations) that never ends,
 * and hold it. Each connection alone is within its limit; only a bound on the total protects the daemon.
 */
final class UnfinishedMessages implements Attack {

    @Override
    public String name() {
        return "unfinished-messages";
    }

    @Override
    public Outcome run(AttackConfig config, RawClients clients, long deadlineNanos) throws java.io.IOException {
        ByteBuffer message = fragments(config.messageBytes(), config.fragmentBytes());
        clients.open(config.messageConnections(), i -> new RawClients.Plan(true, message, false, false, 0), deadlineNanos);
        clients.pumpUntil(deadlineNanos);
        return Outcome.figures(String.format("messages_held=%d of %d (%d bytes each)",
                clients.counts().payloadsSent, config.messageConnections(), config.messageBytes()));
    }

    /** {@code total} bytes of text in non-final fragments of at most {@code fragment} bytes each. */
    static ByteBuffer fragments(int total, int fragment) {
        int frames = (total + fragment - 1) / fragment;
        ByteBuffer out = ByteBuffer.allocateDirect(total + frames * ClientFrames.headerBytes(fragment));
        byte[] text = new byte[fragment];
        java.util.Arrays.fill(text, (byte) 'a');
        for (int sent = 0; sent < total; sent += fragment) {
            int length = Math.min(fragment, total - sent);
            ClientFrames.header(out, sent == 0 ? ClientFrames.OPCODE_TEXT : ClientFrames.OPCODE_CONTINUATION, false, length);
            ClientFrames.maskedPayload(out, text, 0, length);
        }
        return out.flip();
    }
}
