package org.signaltracker.bench.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Samples the daemon's resident memory every {@link #PERIOD_MILLIS} from /proc/PID/status (VmRSS, and VmHWM,
 * the kernel's own high-water mark) and notices when the process is gone: no status file, or a zombie
 * that exited and waits for its parent (the attack script) to reap it.
 *
 * <p>Thread-safe: one daemon thread of its own writes, any thread reads (volatile fields).
 */
final class DaemonMemory implements AutoCloseable {

    static final long PERIOD_MILLIS = 100;

    private final long pid;
    private final Thread sampler;
    private final long startNanos = System.nanoTime();
    private volatile long peakRssBytes = -1;
    private volatile long lastRssBytes = -1;
    private volatile long hwmBytes = -1;
    private volatile long samples;
    /** Nanoseconds after start at which the process was first seen gone, or -1 while alive. */
    private volatile long goneAtNanos = -1;
    private volatile boolean stopped;

    DaemonMemory(long pid) {
        this.pid = pid;
        sample();
        this.sampler = new Thread(this::run, "attack-rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    long peakRssBytes() {
        return peakRssBytes;
    }

    long lastRssBytes() {
        return lastRssBytes;
    }

    long hwmBytes() {
        return hwmBytes;
    }

    long samples() {
        return samples;
    }

    boolean alive() {
        return goneAtNanos < 0;
    }

    /** Seconds since sampling started at which the process was seen gone, or -1. */
    double goneAtSeconds() {
        return goneAtNanos < 0 ? -1 : goneAtNanos / 1e9;
    }

    /** Reads the current VmRSS now (not waiting for the next sample) and returns it, or -1 when gone. */
    long currentRssBytes() {
        sample();
        return alive() ? lastRssBytes : -1;
    }

    private void run() {
        while (!stopped && alive()) {
            sample();
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        if (!alive()) {
            return;
        }
        long rss = -1;
        long hwm = -1;
        boolean zombie = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kibToBytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kibToBytes(line);
                } else if (line.startsWith("State:")) {
                    zombie = line.contains("Z") || line.contains("X");
                }
            }
        } catch (NoSuchFileException e) {
            zombie = true;
        } catch (IOException e) {
            return; // a failed read is not a death; the next sample decides
        }
        if (zombie || rss < 0) {
            goneAtNanos = System.nanoTime() - startNanos;
            return;
        }
        samples++;
        lastRssBytes = rss;
        peakRssBytes = Math.max(peakRssBytes, rss);
        hwmBytes = Math.max(hwmBytes, hwm);
    }

    private static long kibToBytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join(TimeUnit.SECONDS.toMillis(1));
    }
}
