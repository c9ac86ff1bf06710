package org.signaltracker.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.signaltracker.bench.load.ClassicStats.Count;

/**
 * A classic scenario's results: a table for people and one {@code SUMMARY {json}} line for scripts (the
 * field names compare.sh reads are those of the WebSocket scenarios' summary where they mean the same).
 * Responses count every reply read, refusals included, as aquatic's load test counts them.
 */
final class ClassicReport {

    private static final String RULE = "------------------------------------------------------------";

    private final LoadConfig config;
    private final long[] start;
    private final long[] end;
    private final double seconds;
    private final Histogram latency;
    private final double serverCpu;
    private final double ownCpu;
    private final long rssBefore;
    private final long rssAfter;
    private final CoreTimes.Share generatorCores;
    private final CoreTimes.Share trackerCores;

    ClassicReport(LoadConfig config, long[] start, long[] end, double seconds, Histogram latency, double serverCpu,
            double ownCpu, long rssBefore, long rssAfter, CoreTimes.Share generatorCores,
            CoreTimes.Share trackerCores) {
        this.config = config;
        this.start = start;
        this.end = end;
        this.seconds = seconds;
        this.latency = latency;
        this.serverCpu = serverCpu;
        this.ownCpu = ownCpu;
        this.rssBefore = rssBefore;
        this.rssAfter = rssAfter;
        this.generatorCores = generatorCores;
        this.trackerCores = trackerCores;
    }

    long delta(Count count) {
        return end[count.ordinal()] - start[count.ordinal()];
    }

    double perSecond(Count count) {
        return delta(count) / seconds;
    }

    double responsesPerSecond() {
        return perSecond(Count.CONNECTED) + perSecond(Count.ANNOUNCED) + perSecond(Count.SCRAPED)
                + perSecond(Count.REFUSED);
    }

    double sentPerSecond() {
        return perSecond(Count.SENT_CONNECTS) + perSecond(Count.SENT_ANNOUNCES) + perSecond(Count.SENT_SCRAPES);
    }

    double peersPerAnnounce() {
        return delta(Count.ANNOUNCED) > 0 ? delta(Count.PEERS_RETURNED) / (double) delta(Count.ANNOUNCED) : 0;
    }

    void print(PrintStream out) {
        boolean udp = config.scenario().equals("udp");
        out.println(RULE);
        out.printf(Locale.ROOT, "responses/s           %,.0f   (connect %,.0f, announce %,.0f, scrape %,.0f, refused %,.0f)%n",
                responsesPerSecond(), perSecond(Count.CONNECTED), perSecond(Count.ANNOUNCED), perSecond(Count.SCRAPED),
                perSecond(Count.REFUSED));
        out.printf(Locale.ROOT, "requests sent/s       %,.0f   (connect %,.0f, announce %,.0f, scrape %,.0f)%n",
                sentPerSecond(), perSecond(Count.SENT_CONNECTS), perSecond(Count.SENT_ANNOUNCES),
                perSecond(Count.SENT_SCRAPES));
        out.printf(Locale.ROOT, "peers per announce    %.1f   (numwant %d)%n", peersPerAnnounce(), config.classic().numWant());
        out.printf(Locale.ROOT, "timeouts/s            %,.0f   (no reply within %d ms)%n", perSecond(Count.TIMEOUTS),
                config.classic().timeoutMillis());
        out.printf(Locale.ROOT, "malformed/s           %,.0f%n", perSecond(Count.MALFORMED));
        out.printf(Locale.ROOT, "socket errors/s       %,.0f%n", perSecond(Count.SOCKET_ERRORS));
        if (udp) {
            out.printf(Locale.ROOT, "unmatched replies/s   %,.0f   (late after a timeout, or unknown)%n", perSecond(Count.UNMATCHED));
        } else {
            out.printf(Locale.ROOT, "TCP connects/s        %,.0f%n", perSecond(Count.TCP_CONNECTS));
            out.printf(Locale.ROOT, "closed before answer  %,.0f/s%n", perSecond(Count.CLOSED_EARLY));
            if (config.scenario().equals("http-keepalive")) {
                out.printf(Locale.ROOT, "closed after answer   %,.0f/s   (the server would not keep the connection; %,.0f requests/s sent again on a new one)%n",
                        perSecond(Count.CLOSED_AFTER_ANSWER), perSecond(Count.RETRIES));
            }
        }
        out.printf(Locale.ROOT, "latency (request->reply, closed loop, uncorrected) ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (n=%d)%n",
                ms(50), ms(90), ms(99), ms(99.9), latency.getMaxValue() / 1000.0, latency.getTotalCount());
        if (serverCpu >= 0) {
            out.printf(Locale.ROOT, "tracker CPU           %.0f%% of a core; %,.0f responses per tracker CPU-second%n",
                    serverCpu * 100, serverCpu > 0 ? responsesPerSecond() / serverCpu : 0.0);
        }
        out.printf(Locale.ROOT, "generator CPU         %.0f%% of a core%n", ownCpu * 100);
        cores(out, "generator's", generatorCores);
        cores(out, "tracker's", trackerCores);
        if (rssAfter > 0) {
            out.printf(Locale.ROOT, "tracker RSS           %.1f MiB (before %.1f MiB)%n", rssAfter / 1048576.0,
                    rssBefore / 1048576.0);
        }
        out.println(RULE);
        out.println("SUMMARY " + summary());
    }

    private static void cores(PrintStream out, String whose, CoreTimes.Share s) {
        if (s != null) {
            out.printf(Locale.ROOT, "%-21s processes %.0f%%, irq+softirq %.0f%%, steal %.0f%%, idle %.0f%%%n",
                    whose + " cores (" + s.cores() + ")", s.process() * 100, s.irq() * 100, s.steal() * 100,
                    s.idle() * 100);
        }
    }

    private double ms(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    String summary() {
        StringBuilder json = new StringBuilder(1024).append('{');
        field(json, "scenario", '"' + config.scenario() + '"');
        field(json, "connections", config.connections());
        field(json, "seconds", config.durationSeconds());
        field(json, "receivedPerSecond", responsesPerSecond());
        field(json, "responsesPerSecond", responsesPerSecond());
        field(json, "connectsPerSecond", perSecond(Count.CONNECTED));
        field(json, "announceRepliesPerSecond", perSecond(Count.ANNOUNCED));
        field(json, "scrapesPerSecond", perSecond(Count.SCRAPED));
        field(json, "failuresPerSecond", perSecond(Count.REFUSED));
        field(json, "sentPerSecond", sentPerSecond());
        field(json, "announcesPerSecond", perSecond(Count.SENT_ANNOUNCES));
        field(json, "timeoutsPerSecond", perSecond(Count.TIMEOUTS));
        field(json, "malformedPerSecond", perSecond(Count.MALFORMED));
        field(json, "unmatchedPerSecond", perSecond(Count.UNMATCHED));
        field(json, "socketErrorsPerSecond", perSecond(Count.SOCKET_ERRORS));
        field(json, "tcpConnectsPerSecond", perSecond(Count.TCP_CONNECTS));
        field(json, "closedEarlyPerSecond", perSecond(Count.CLOSED_EARLY));
        field(json, "closedAfterAnswerPerSecond", perSecond(Count.CLOSED_AFTER_ANSWER));
        field(json, "retriesPerSecond", perSecond(Count.RETRIES));
        field(json, "peersPerAnnounce", peersPerAnnounce());
        json.append(String.format(Locale.ROOT, "\"latencyMs\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f},",
                ms(50), ms(90), ms(99), ms(99.9), latency.getMaxValue() / 1000.0));
        field(json, "latencyCount", latency.getTotalCount());
        field(json, "trackerRssBytes", rssAfter);
        field(json, "trackerCpuCores", serverCpu);
        field(json, "generatorCpuCores", ownCpu);
        CoreTimes.Share.appendJson(json, "generatorCores", generatorCores);
        CoreTimes.Share.appendJson(json, "trackerCores", trackerCores);
        json.setLength(json.length() - 1);
        return json.append('}').toString();
    }


    private static void field(StringBuilder json, String name, Object value) {
        json.append('"').append(name).append("\":");
        if (value instanceof Double d) {
            json.append(String.format(Locale.ROOT, "%.3f", d));
        } else {
            json.append(value);
        }
        json.append(',');
    }
}
