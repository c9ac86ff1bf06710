package org.signaltracker.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shared run settings for every benchmark: one fork with a fixed heap and the daemon's collector,
 * enough warm-up for C2, throughput in operations per second. Netty runs as in the daemon: the pooled
 * allocator, its Unsafe buffer paths (Netty turns them off by default on JDK 25; the daemon's jvm.env
 * turns them on), no leak detection, and benchmark threads that are Netty threads
 * ({@link EventLoopThreadExecutor}). Command-line options (-f, -wi, -i, -prof)
 * override them; see signal-bench/README.md.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseG1GC", "-Dio.netty.leakDetection.level=disabled",
        "-Dio.netty.allocator.type=pooled", "-Dio.netty.noUnsafe=false",
        "-Djmh.executor=CUSTOM", "-Djmh.executor.class=org.signaltracker.bench.jmh.EventLoopThreadExecutor"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class BenchmarkBase {
}
