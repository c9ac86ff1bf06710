package org.signaltracker.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Where the time of a set of cores went between two readings of /proc/stat: processes (user and system),
 * interrupts (irq and softirq, which a process's own CPU figure does not include: on loopback the network
 * stack's receive work is mostly softirq), steal (time the hypervisor gave to another machine) and idle.
 * This answers "why is neither process at 100 % of its core": the rest of the core may be softirq or
 * steal rather than idle. Stateless; readings are plain arrays.
 */
final class CoreTimes {

    /** Columns of a /proc/stat cpuN line, after the name, that are added up here. */
    private static final int USER = 0;
    private static final int NICE = 1;
    private static final int SYSTEM = 2;
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int IRQ = 5;
    private static final int SOFTIRQ = 6;
    private static final int STEAL = 7;
    private static final int COLUMNS = 8;

    /**
     * Shares of the cores' time over the period, each from 0 to 1 (they add up to about 1).
     *
     * @param cores   the cores, as a list such as "0" or "0-1"
     * @param process user and system time (any process)
     * @param irq     irq and softirq
     * @param steal   taken by the hypervisor
     * @param idle    idle and iowait
     */
    record Share(String cores, double process, double irq, double steal, double idle) {

        /** Appends {@code "name":{...},} to a SUMMARY line's JSON; nothing when {@code share} is null. */
        static void appendJson(StringBuilder json, String name, Share share) {
            if (share != null) {
                json.append(String.format(Locale.ROOT,
                        "\"%s\":{\"cores\":\"%s\",\"process\":%.3f,\"irq\":%.3f,\"steal\":%.3f,\"idle\":%.3f},",
                        name, share.cores, share.process, share.irq, share.steal, share.idle));
            }
        }
    }

    private CoreTimes() {
    }

    /** Every core's counters now: row = core number, columns as in /proc/stat; null when unreadable. */
    static long[][] read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long[][] parse(List<String> procStat) {
        int max = -1;
        for (String line : procStat) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                max = Math.max(max, Integer.parseInt(line.substring(3, line.indexOf(' '))));
            }
        }
        long[][] rows = new long[max + 1][];
        for (String line : procStat) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                String[] f = line.trim().split("\\s+");
                long[] row = new long[COLUMNS];
                for (int i = 0; i < COLUMNS && i + 1 < f.length; i++) {
                    row[i] = Long.parseLong(f[i + 1]);
                }
                rows[Integer.parseInt(f[0].substring(3))] = row;
            }
        }
        return rows;
    }

    /** The cores {@code pid} may run on (0 = this process), from /proc/PID/status; null when unknown. */
    static BitSet allowedCores(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid <= 0 ? "self" : Long.toString(pid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseList(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** "0-2,5" → {0, 1, 2, 5}. */
    static BitSet parseList(String list) {
        BitSet cores = new BitSet();
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            cores.set(from, to + 1);
        }
        return cores;
    }

    /** The shares of {@code cores} between readings {@code before} and {@code after}; null when unknown. */
    static Share share(long[][] before, long[][] after, BitSet cores) {
        if (before == null || after == null || cores == null || cores.isEmpty()) {
            return null;
        }
        long[] d = new long[COLUMNS];
        for (int core = cores.nextSetBit(0); core >= 0; core = cores.nextSetBit(core + 1)) {
            if (core >= before.length || core >= after.length || before[core] == null || after[core] == null) {
                return null;
            }
            for (int i = 0; i < COLUMNS; i++) {
                d[i] += after[core][i] - before[core][i];
            }
        }
        double total = 0;
        for (long v : d) {
            total += v;
        }
        if (total <= 0) {
            return null;
        }
        return new Share(list(cores), (d[USER] + d[NICE] + d[SYSTEM]) / total, (d[IRQ] + d[SOFTIRQ]) / total,
                d[STEAL] / total, (d[IDLE] + d[IOWAIT]) / total);
    }

    private static String list(BitSet cores) {
        return cores.stream().mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse("");
    }
}
