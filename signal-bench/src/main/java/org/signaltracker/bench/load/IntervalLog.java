package org.signaltracker.bench.load;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * The measured period: takes one interval histogram a second from each recorder, adds them up, and writes
 * them as an HdrHistogram interval log once the period is over (latency untagged, open-loop send lag tagged
 * {@link #SEND_LAG_TAG}). Why afterwards: compressing a histogram for the log took 0.6 to 9 ms on this
 * machine, and the main thread shares the generator's core with the event loops, so compressing every
 * second delayed scheduled sends. Each second keeps only the histogram's plain encoding (a few KiB; tens of
 * microseconds to make), and compression happens after the last interval. Used from the main thread;
 * bounded by the duration, one second at a time.
 */
final class IntervalLog {

    /** Tag of the open-loop send-lag histograms in the log; latency histograms have none. */
    static final String SEND_LAG_TAG = "sendLag";

    private final Histogram latency = new Histogram(3);
    private final Histogram sendLag = new Histogram(3);
    private final List<Interval> intervals = new ArrayList<>();
    private ByteBuffer scratch = ByteBuffer.allocate(0);
    private long startMillis;

    /** One interval's histogram in its uncompressed encoding, with what that encoding leaves out. */
    private record Interval(byte[] encoded, long startMillis, long endMillis, String tag) {
    }

    /** Runs the period: {@code seconds} one-second intervals, measured from now without drift. */
    void run(int seconds, Recorder latencyRecorder, Recorder sendLagRecorder, boolean keepSendLag)
            throws InterruptedException {
        startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        for (int second = 1; second <= seconds; second++) {
            long wait = start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Histogram interval = latencyRecorder.getIntervalHistogram();
            latency.add(interval);
            keep(interval, null);
            Histogram lag = sendLagRecorder.getIntervalHistogram();
            sendLag.add(lag);
            if (keepSendLag) {
                keep(lag, SEND_LAG_TAG);
            }
        }
    }

    private void keep(Histogram h, String tag) {
        int capacity = h.getNeededByteBufferCapacity();
        if (scratch.capacity() < capacity) {
            scratch = ByteBuffer.allocate(capacity);
        }
        scratch.clear();
        int length = h.encodeIntoByteBuffer(scratch);
        intervals.add(new Interval(Arrays.copyOf(scratch.array(), length), h.getStartTimeStamp(),
                h.getEndTimeStamp(), tag));
    }

    Histogram latency() {
        return latency;
    }

    Histogram sendLag() {
        return sendLag;
    }

    /** Writes the log; {@code comment} goes in its header. */
    void write(Path file, String comment) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile()))) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment(comment);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            for (Interval interval : intervals) {
                Histogram h = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(interval.encoded()), 0);
                h.setStartTimeStamp(interval.startMillis());
                h.setEndTimeStamp(interval.endMillis());
                h.setTag(interval.tag());
                writer.outputIntervalHistogram(h);
            }
        }
    }
}
