package org.signaltracker.bench.load;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reused buffers of one generator thread: where received messages are scanned and outgoing frames
 * built. One set per event loop, so the hot path allocates nothing but the outgoing buffer itself, and
 * no two threads ever share one.
 */
final class LoopBuffers {

    private static final AtomicLong SEEDS = new AtomicLong(0x5157_3AA7L);
    private static final FastThreadLocal<LoopBuffers> CURRENT = new FastThreadLocal<>() {
        @Override
        protected LoopBuffers initialValue() {
            return new LoopBuffers(new SplittableRandom(SEEDS.getAndIncrement()));
        }
    };

    final ReceivedMessage received = new ReceivedMessage();
    final ClientFrame frame;

    private LoopBuffers(SplittableRandom masks) {
        this.frame = new ClientFrame(masks);
    }

    /** This thread's buffers. */
    static LoopBuffers current() {
        return CURRENT.get();
    }
}
