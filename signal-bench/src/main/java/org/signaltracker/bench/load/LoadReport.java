package org.signaltracker.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Prints a run's results: a table for people and one {@code SUMMARY {json}} line for scripts. */
final class LoadReport {

    private LoadReport() {
    }

    static void print(LoadConfig config, LoadStats stats, long[] start, long[] end, Histogram latency, long up,
            long rssBefore, long rssAfter, double serverCpu, double ownCpu, PrintStream out) {
        double seconds = config.durationSeconds();
        double sent = (end[0] - start[0]) / seconds;
        double responses = (end[1] - start[1]) / seconds;
        double offers = (end[2] - start[2]) / seconds;
        double answers = (end[3] - start[3]) / seconds;
        double scrapes = (end[4] - start[4]) / seconds;
        double failures = (end[5] - start[5]) / seconds;
        double other = (end[6] - start[6]) / seconds;
        double roundTrips = (end[7] - start[7]) / seconds;
        double skipped = (end[8] - start[8]) / seconds;
        double announces = (end[9] - start[9]) / seconds;
        double received = responses + offers + answers + scrapes + failures + other;
        double p50 = latency.getValueAtPercentile(50) / 1000.0;
        double p90 = latency.getValueAtPercentile(90) / 1000.0;
        double p99 = latency.getValueAtPercentile(99) / 1000.0;
        double p999 = latency.getValueAtPercentile(99.9) / 1000.0;
        double max = latency.getMaxValue() / 1000.0;
        String latencyKind = config.scenario().equals("relay") ? "offer->answer round trip"
                : config.scenario().equals("idle") ? "announce->response" : "announce->response";
        out.println("------------------------------------------------------------");
        out.printf(Locale.ROOT, "connections up        %d of %d%n", up, config.connections());
        out.printf(Locale.ROOT, "messages received/s   %,.0f   (counted as aquatic does)%n", received);
        out.printf(Locale.ROOT, "  responses/s         %,.0f%n", responses);
        out.printf(Locale.ROOT, "  relayed offers/s    %,.0f%n", offers);
        out.printf(Locale.ROOT, "  relayed answers/s   %,.0f%n", answers);
        out.printf(Locale.ROOT, "  scrapes/s           %,.0f%n", scrapes);
        out.printf(Locale.ROOT, "  failures/s          %,.0f%n", failures);
        out.printf(Locale.ROOT, "  other/s             %,.0f%n", other);
        out.printf(Locale.ROOT, "messages sent/s       %,.0f%n", sent);
        out.printf(Locale.ROOT, "announces sent/s      %,.0f   (answers not included)%n", announces);
        out.printf(Locale.ROOT, "round trips/s         %,.0f%n", roundTrips);
        if (skipped > 0) {
            out.printf(Locale.ROOT, "sends skipped/s       %,.0f   (64 replies outstanding on a connection: tracker saturated)%n",
                    skipped);
        }
        out.printf(Locale.ROOT, "latency (%s, %s) ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (n=%d)%n",
                latencyKind, config.ratePerSecond() == 0
                        ? (stats.expectedIntervalMicros() > 0
                                ? "closed loop, corrected at expected interval " + stats.expectedIntervalMicros() + " us"
                                : "closed loop, uncorrected")
                        : "open loop from intended send time",
                p50, p90, p99, p999, max, latency.getTotalCount());
        if (serverCpu >= 0) {
            out.printf(Locale.ROOT, "tracker CPU           %.0f%% of a core; %,.0f messages received per tracker CPU-second%n",
                    serverCpu * 100, serverCpu > 0 ? received / serverCpu : 0.0);
        }
        out.printf(Locale.ROOT, "generator CPU         %.0f%% of a core (its messages in and out: %,.0f/s)%n",
                ownCpu * 100, received + sent);
        if (rssAfter > 0) {
            out.printf(Locale.ROOT, "tracker RSS           %.1f MiB (before connecting %.1f MiB; %.0f bytes per connection)%n",
                    rssAfter / 1048576.0, rssBefore / 1048576.0, (rssAfter - rssBefore) / (double) Math.max(1, up));
        }
        out.println("------------------------------------------------------------");
        out.printf(Locale.ROOT, "SUMMARY {\"scenario\":\"%s\",\"connections\":%d,\"up\":%d,\"seconds\":%d,"
                + "\"receivedPerSecond\":%.1f,\"responsesPerSecond\":%.1f,\"offersPerSecond\":%.1f,"
                + "\"answersPerSecond\":%.1f,\"scrapesPerSecond\":%.1f,\"failuresPerSecond\":%.1f,\"otherPerSecond\":%.1f,"
                + "\"sentPerSecond\":%.1f,\"announcesPerSecond\":%.1f,\"skippedPerSecond\":%.1f,"
                + "\"roundTripsPerSecond\":%.1f,\"openLoopRate\":%d,\"latencyMs\":{\"p50\":%.3f,\"p90\":%.3f,"
                + "\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f},\"expectedIntervalMicros\":%d,\"trackerRssBytes\":%d,"
                + "\"trackerRssBeforeBytes\":%d,\"rssBytesPerConnection\":%.0f,\"trackerCpuCores\":%.3f,"
                + "\"generatorCpuCores\":%.3f}%n",
                config.scenario(), config.connections(), up, config.durationSeconds(), received, responses, offers,
                answers, scrapes, failures, other, sent, announces, skipped, roundTrips, config.ratePerSecond(),
                p50, p90, p99, p999, max, stats.expectedIntervalMicros(), rssAfter, rssBefore, rssAfter > 0 && rssBefore > 0 ? (rssAfter - rssBefore) / (double) Math.max(1, up) : -1.0,
                serverCpu, ownCpu);
    }
}
