package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalLogTest {

    @Test
    void theLogHoldsEveryIntervalAndItsTaggedSendLag(@TempDir Path dir) throws Exception {
        // One one-second interval: slow for a unit test, but it is the class's whole job.
        Recorder latency = new Recorder(1, LoadStats.MAX_MICROS, 3);
        Recorder lag = new Recorder(1, LoadStats.MAX_MICROS, 3);
        for (int i = 1; i <= 1000; i++) {
            latency.recordValue(i);
        }
        lag.recordValue(2_000);
        IntervalLog log = new IntervalLog();
        log.run(1, latency, lag, true);
        assertEquals(1000, log.latency().getTotalCount());
        assertEquals(500, log.latency().getValueAtPercentile(50), 1);
        assertEquals(1, log.sendLag().getTotalCount());

        Path file = dir.resolve("run.hlog");
        log.write(file, "test");
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        Histogram first = (Histogram) reader.nextIntervalHistogram();
        Histogram second = (Histogram) reader.nextIntervalHistogram();
        assertNull(reader.nextIntervalHistogram());
        reader.close();
        assertNotNull(first);
        assertNull(first.getTag(), "latency is untagged, as the tools expect");
        assertEquals(1000, first.getTotalCount());
        assertEquals(1000, first.getMaxValue(), 1);
        assertEquals(IntervalLog.SEND_LAG_TAG, second.getTag());
        assertEquals(2_000, second.getMaxValue(), 2);
        assertEquals(true, Files.readString(file).startsWith("#test"));
    }
}
