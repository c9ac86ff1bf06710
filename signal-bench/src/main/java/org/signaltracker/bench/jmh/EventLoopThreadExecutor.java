package org.signaltracker.bench.jmh;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH's benchmark threads, made Netty {@code FastThreadLocalThread}s like the daemon's event loops
 * (selected with {@code -Djmh.executor=CUSTOM}, see {@link BenchmarkBase}). Netty 4.2 pools buffers,
 * buffer wrappers and outbound entries through its Recycler only on such threads; on a plain thread every
 * one of them would be a fresh allocation, and the GC profiler would charge the daemon for objects it
 * never allocates.
 */
public final class EventLoopThreadExecutor extends ThreadPoolExecutor {

    /** The constructor JMH calls for a custom executor. */
    public EventLoopThreadExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
