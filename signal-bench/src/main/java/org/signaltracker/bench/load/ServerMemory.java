package org.signaltracker.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory and CPU time from /proc, to report the tracker's memory per connection
 * and its CPU use. CPU time matters on a shared machine: messages per CPU-second of the tracker stays
 * comparable when other work takes part of its core.
 */
final class ServerMemory {

    private ServerMemory() {
    }

    /** VmRSS of {@code pid} in bytes, or -1 when there is no such process (or pid is 0). */
    static long residentBytes(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time of {@code pid} in nanoseconds (from /proc/PID/stat), or -1. */
    static long cpuNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** CPU time of this JVM (the generator) in nanoseconds, or -1. */
    static long ownCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
