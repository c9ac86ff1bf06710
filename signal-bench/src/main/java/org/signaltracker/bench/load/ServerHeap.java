package org.signaltracker.bench.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tracker's live heap, measured the way RESULTS.md does it: {@code jcmd PID GC.run} (a full
 * collection, so only live objects remain) and then {@code jcmd PID GC.heap_info}, whose "used" figure is
 * parsed. Each jcmd call is bounded by {@link #CALL_SECONDS} and killed past it. jcmd is taken from the
 * JDK running the generator, else from PATH. Only the idle scenario uses it: a full GC in the tracker
 * would disturb a throughput run.
 */
final class ServerHeap {

    static final long CALL_SECONDS = 30;
    /** "used 4420K" (G1, Parallel, Serial: one per heap or generation line) or "4420K used" (Shenandoah). */
    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG]?)\\b|(\\d+)([KMG]?) used\\b");

    private ServerHeap() {
    }

    /** Live heap bytes of {@code pid} after a full GC, or -1 when jcmd is missing, fails or takes too long. */
    static long liveBytes(long pid) {
        if (pid <= 0 || run(pid, "GC.run") == null) {
            return -1;
        }
        String info = run(pid, "GC.heap_info");
        long used = info == null ? -1 : parseUsedBytes(info);
        if (info != null && used < 0) {
            System.err.println("load: no heap size in jcmd " + pid + " GC.heap_info: " + info.strip());
        }
        return used;
    }

    /**
     * The heap's used bytes in {@code GC.heap_info} output, or -1 when none is found. The heap's own lines
     * are the least indented ones that give a used size (JDK 25 writes them flush left, JDK 17 one space
     * in); a generational heap has one per generation, which are added. Metaspace is not heap.
     */
    static long parseUsedBytes(String heapInfo) {
        long total = 0;
        int indent = Integer.MAX_VALUE;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                break;
            }
            Matcher m = USED.matcher(line);
            if (!m.find()) {
                continue;
            }
            int lineIndent = line.length() - line.stripLeading().length();
            if (lineIndent > indent) {
                continue;
            }
            if (lineIndent < indent) {
                indent = lineIndent;
                total = 0;
            }
            String digits = m.group(1) != null ? m.group(1) : m.group(3);
            String unit = m.group(1) != null ? m.group(2) : m.group(4);
            total += Long.parseLong(digits) * switch (unit) {
                case "K" -> 1024L;
                case "M" -> 1024L * 1024;
                case "G" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
        }
        return indent == Integer.MAX_VALUE ? -1 : total;
    }

    /** Runs {@code jcmd pid command}, bounded in time; its output, or null on any failure. */
    private static String run(long pid, String command) {
        Path out = null;
        try {
            out = Files.createTempFile("load-jcmd", ".txt");
            List<String> cmd = new ArrayList<>(List.of(jcmd(), Long.toString(pid), command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(CALL_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.err.println("load: jcmd " + pid + " " + command + " took over " + CALL_SECONDS + " s; killed");
                return null;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                System.err.println("load: jcmd " + pid + " " + command + " failed: " + text.strip());
                return null;
            }
            return text;
        } catch (IOException e) {
            System.err.println("load: jcmd " + pid + " " + command + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    private static String jcmd() {
        File sibling = new File(System.getProperty("java.home"), "bin/jcmd");
        return sibling.canExecute() ? sibling.getPath() : "jcmd";
    }
}
