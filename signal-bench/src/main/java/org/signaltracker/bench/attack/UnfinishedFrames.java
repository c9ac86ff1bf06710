package org.signaltracker.bench.attack;

import java.nio.ByteBuffer;

/**
 * Finding 5: many connections each send the header of one frame as large as {@code websocket.maxFrameBytes}
 * and all but the last kilobyte of its payload, then hold it unfinished.
 */
final class UnfinishedFrames implements Attack {

    @Override
    public String name() {
        return "unfinished-frames";
    }

    @Override
    public Outcome run(AttackConfig config, RawClients clients, long deadlineNanos) throws java.io.IOException {
        ByteBuffer frame = ByteBuffer.allocateDirect(ClientFrames.headerBytes(config.frameBytes()) + config.frameSentBytes());
        ClientFrames.header(frame, ClientFrames.OPCODE_TEXT, true, config.frameBytes());
        ClientFrames.maskedFiller(frame, (byte) 'a', config.frameSentBytes());
        frame.flip();
        clients.open(config.frameConnections(), i -> new RawClients.Plan(true, frame, false, false, 0), deadlineNanos);
        clients.pumpUntil(deadlineNanos);
        return Outcome.figures(String.format("frames_held=%d of %d (%d of %d bytes each)", clients.counts().payloadsSent,
                config.frameConnections(), config.frameSentBytes(), config.frameBytes()));
    }
}
