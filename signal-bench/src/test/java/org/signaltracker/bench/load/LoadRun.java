package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dslplatform.json.DslJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the load generator in-process as its command line would, and hands a scenario test the SUMMARY line
 * it printed, parsed, with the whole printed report under {@code "report"} for failure messages.
 */
final class LoadRun {

    private LoadRun() {
    }

    /** A run's exit status and what it printed. */
    record Captured(int exit, String report) {
    }

    /** Runs {@code config} in this process and returns its exit status and report (stdout). */
    static Captured capture(LoadConfig config) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = LoadMain.run(config);
        } finally {
            System.setOut(out);
        }
        return new Captured(exit, captured.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code config}, fails the test unless the run exits 0, and returns its summary. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> summaryOf(LoadConfig config) throws Exception {
        Captured run = capture(config);
        String report = run.report();
        System.out.print(report);
        assertEquals(0, run.exit(), report);
        String line = report.lines().filter(l -> l.startsWith("SUMMARY ")).findFirst().orElseThrow().substring(8);
        byte[] json = line.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> summary = new DslJson<>().deserialize(Map.class, json, json.length);
        summary.put("report", report);
        return summary;
    }
}
