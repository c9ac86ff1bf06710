package org.signaltracker.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.signaltracker.bench.load.LoadStats.Count;

/** Prints a run's results: a table for people and one {@code SUMMARY {json}} line for scripts. */
final class LoadReport {

    private static final String RULE = "------------------------------------------------------------";

    private LoadReport() {
    }

    static void print(LoadResult r, PrintStream out) {
        LoadConfig config = r.config();
        double received = r.receivedPerSecond();
        double sent = r.perSecond(Count.SENT);
        out.println(RULE);
        out.printf(Locale.ROOT, "connections up        %d of %d%n", r.up(), config.connections());
        out.printf(Locale.ROOT, "connections closed    %d   (after coming up, by the tracker or on an error, before the end)%n",
                r.total(Count.DISCONNECTED));
        if (config.scenario().equals("idle")) {
            out.printf(Locale.ROOT, "announced             %d of %d   (got the response to their one announce)%n",
                    r.total(Count.ANNOUNCED_CONNECTIONS), config.connections());
            line(out, "announce latency while connecting", r.connectLatency(), "");
        }
        out.printf(Locale.ROOT, "messages received/s   %,.0f   (counted as aquatic does)%n", received);
        out.printf(Locale.ROOT, "  responses/s         %,.0f%n", r.perSecond(Count.RESPONSES));
        out.printf(Locale.ROOT, "  relayed offers/s    %,.0f%n", r.perSecond(Count.OFFERS));
        out.printf(Locale.ROOT, "  relayed answers/s   %,.0f%n", r.perSecond(Count.ANSWERS));
        out.printf(Locale.ROOT, "  scrapes/s           %,.0f%n", r.perSecond(Count.SCRAPES));
        out.printf(Locale.ROOT, "  failures/s          %,.0f%n", r.perSecond(Count.FAILURES));
        if (r.total(Count.FAILURES) > 0 && config.scenario().equals("announce")) {
            out.printf(Locale.ROOT, "    to announces/s    %,.0f   (paired; their latency is recorded)%n",
                    r.perSecond(Count.ANNOUNCE_FAILURES));
            out.printf(Locale.ROOT, "    to answers/s      %,.0f%n", r.perSecond(Count.ANSWER_FAILURES));
            out.printf(Locale.ROOT, "    unattributed/s    %,.0f   (announce or answer: not paired; %,d announces settled unseen, %,d fence pings)%n",
                    r.perSecond(Count.UNATTRIBUTED_FAILURES), r.delta(Count.UNPAIRED_ANNOUNCES), r.delta(Count.FENCE_PINGS));
        }
        if (config.scenario().equals("signal")) {
            signal(r, out);
        }
        if (config.scenario().equals("churn")) {
            churn(r, out);
        }
        out.printf(Locale.ROOT, "  other/s             %,.0f%n", r.perSecond(Count.OTHER));
        if (r.delta(Count.UNMATCHED_RESPONSES) > 0) {
            out.printf(Locale.ROOT, "responses unmatched   %,d   (matched no pending announce)%n", r.delta(Count.UNMATCHED_RESPONSES));
        }
        out.printf(Locale.ROOT, "messages sent/s       %,.0f%n", sent);
        out.printf(Locale.ROOT, "announces sent/s      %,.0f   (answers not included)%n", r.perSecond(Count.ANNOUNCES_SENT));
        out.printf(Locale.ROOT, "round trips/s         %,.0f%n", r.perSecond(Count.ROUND_TRIPS));
        if (r.delta(Count.SKIPPED) > 0) {
            out.printf(Locale.ROOT, "sends skipped/s       %,.0f   (%d replies outstanding on a connection: tracker saturated)%n",
                    r.perSecond(Count.SKIPPED), AnnouncePairing.MAX_PENDING);
        }
        if (config.ratePerSecond() > 0) {
            openLoop(r, out);
        }
        if (!config.scenario().equals("idle") || r.latency().getTotalCount() > 0) {
            line(out, "latency (" + latencyKind(config) + ", " + correction(r) + ")", r.latency(), "");
        }
        if (r.serverCpu() >= 0) {
            out.printf(Locale.ROOT, "tracker CPU           %.0f%% of a core; %,.0f messages received per tracker CPU-second%n",
                    r.serverCpu() * 100, r.serverCpu() > 0 ? received / r.serverCpu() : 0.0);
        }
        double perMessage = cpuMicrosPerMessage(r);
        if (r.spinning()) {
            out.printf(Locale.ROOT, "generator CPU         %.0f%% of a core: spin-waiting, so busy by design (its messages in and out: %,.0f/s; the send lag shows whether it kept up)%n",
                    r.ownCpu() * 100, received + sent);
        } else {
            out.printf(Locale.ROOT, "generator CPU         %.0f%% of a core (its messages in and out: %,.0f/s%s)%n",
                    r.ownCpu() * 100, received + sent,
                    perMessage < 0 ? "" : String.format(Locale.ROOT, "; %.2f us of CPU each", perMessage));
        }
        cores(out, "generator's", r.generatorCores());
        cores(out, "tracker's", r.trackerCores());
        if (r.rssAfter() > 0) {
            out.printf(Locale.ROOT, "tracker RSS           %.1f MiB (before connecting %.1f MiB; %.0f bytes per connection)%n",
                    r.rssAfter() / 1048576.0, r.rssBefore() / 1048576.0, r.rssPerConnection());
        }
        if (r.heapAfter() > 0) {
            out.printf(Locale.ROOT, "tracker live heap     %.1f MiB (before connecting %.1f MiB; %.0f bytes per connection; after a full GC)%n",
                    r.heapAfter() / 1048576.0, r.heapBefore() / 1048576.0, r.heapPerConnection());
        }
        out.println(RULE);
        out.println("SUMMARY " + summary(r));
    }

    /** The signal scenario's own lines: relays, identities and joins (the last two over the whole run). */
    private static void signal(LoadResult r, PrintStream out) {
        out.printf(Locale.ROOT, "  relayed/s           %,.0f   (ICE_CANDIDATEs received; any ERROR counts in failures)%n",
                r.perSecond(Count.RELAYED));
        out.printf(Locale.ROOT, "  room events/s       %,.0f%n", r.perSecond(Count.ROOM_EVENTS));
        out.printf(Locale.ROOT, "identified            %d of %d   (AUTH_SUCCESS, whole run)%n",
                r.total(Count.AUTHENTICATED), r.config().connections());
        out.printf(Locale.ROOT, "rooms joined          %d of %d asked   (ROOM_MEMBERS, whole run; %d-member rooms)%n",
                r.total(Count.ROOM_MEMBERS), Math.round(r.config().roomShare() * r.config().connections()),
                r.config().roomSize());
        if (r.joinLatency().getTotalCount() > 0) {
            line(out, "join time (JOIN_ROOM->ROOM_MEMBERS, at start)", r.joinLatency(), "");
        }
        if (r.total(Count.WRONG_SENDER) > 0) {
            out.printf(Locale.ROOT, "!!! %d relays came stamped with a fromPeerId other than the partner's%n",
                    r.total(Count.WRONG_SENDER));
        }
    }

    /** The churn scenario's own lines: how clients came and left, over the whole run. */
    private static void churn(LoadResult r, PrintStream out) {
        out.printf(Locale.ROOT, "newcomers             %,d   (%,.0f/s in the measured period)%n", r.total(Count.ARRIVALS),
                r.perSecond(Count.ARRIVALS));
        out.printf(Locale.ROOT, "left                  %,d with a WebSocket close, %,d with a FIN only, %,d with a reset, %,d went silent%n",
                r.total(Count.LEFT_CLOSE), r.total(Count.LEFT_FIN), r.total(Count.LEFT_RESET), r.total(Count.LEFT_SILENT));
        out.printf(Locale.ROOT, "silent ones closed    %,d by the tracker, %,d still open after waiting (closed by the generator)%n",
                r.total(Count.SILENT_CLOSED_BY_SERVER), r.total(Count.SILENT_NOT_CLOSED));
        if (r.total(Count.LOST) > 0) {
            out.printf(Locale.ROOT, "!!! %,d clients were closed during their life, not by their own choice%n", r.total(Count.LOST));
        }
    }

    private static void openLoop(LoadResult r, PrintStream out) {
        RateCheck rate = r.rate();
        out.printf(Locale.ROOT, "open loop             requested %,.0f/s, sent %,.0f/s, settled %,.0f/s; outstanding %,d -> %,d%n",
                rate.requestedPerSecond(), rate.sentPerSecond(), rate.settledPerSecond(), rate.backlogStart(),
                rate.backlogEnd());
        line(out, "generator send lag", r.sendLag(), "   (scheduled send -> sent)");
        if (!rate.generatorKept()) {
            out.printf(Locale.ROOT, "!!! OPEN LOOP FELL BEHIND: the generator sent %,.0f/s of the %,.0f/s asked for%n",
                    rate.sentPerSecond(), rate.requestedPerSecond());
        }
        if (!rate.trackerKept()) {
            out.printf(Locale.ROOT, "!!! OPEN LOOP FELL BEHIND: the tracker settled %,.0f/s of the %,.0f/s sent; the backlog grew by %,d%n",
                    rate.settledPerSecond(), rate.sentPerSecond(), rate.backlogEnd() - rate.backlogStart());
        }
        if (rate.drained()) {
            out.printf(Locale.ROOT, "!!! OPEN LOOP NOT STEADY: the warm-up left %,d requests outstanding and the period drained them to %,d (lengthen --warmupSeconds, or the tracker cannot take this rate)%n",
                    rate.backlogStart(), rate.backlogEnd());
        }
        if (!rate.kept()) {
            out.printf(Locale.ROOT, "!!! the latency below is NOT the latency at %,.0f/s (exit status 3)%n", rate.requestedPerSecond());
        }
        double lagP99 = ms(r.sendLag(), 99);
        if (lagP99 > SEND_LAG_WARNING_MS) {
            out.printf(Locale.ROOT, "!!! 1 %% of sends left more than %.3f ms late: that much of the latency below is the generator's own delay%n",
                    lagP99);
        }
    }

    /** p99 send lag (ms) above which a run says the generator's own delay is part of its latency. */
    static final double SEND_LAG_WARNING_MS = 1.0;

    /** Share of the cores at or above which a run is flagged as disturbed by the hypervisor. */
    static final double STEAL_WARNING = 0.05;

    private static void cores(PrintStream out, String whose, CoreTimes.Share s) {
        if (s == null) {
            return;
        }
        out.printf(Locale.ROOT, "%-21s processes %.0f%%, irq+softirq %.0f%%, steal %.0f%%, idle %.0f%%%s%n",
                whose + " cores (" + s.cores() + ")", s.process() * 100, s.irq() * 100, s.steal() * 100,
                s.idle() * 100, s.idle() < 0.05 ? "   (no idle time left: saturated)" : "");
        if (s.steal() >= STEAL_WARNING) {
            out.printf(Locale.ROOT, "!!! the hypervisor took %.0f%% of the %s cores (steal): this run's rates and latency are disturbed%n",
                    s.steal() * 100, whose);
        }
    }

    private static void line(PrintStream out, String label, Histogram h, String note) {
        out.printf(Locale.ROOT, "%s ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (n=%d)%s%n", label,
                ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, h.getTotalCount(), note);
    }

    private static String latencyKind(LoadConfig config) {
        return switch (config.scenario()) {
            case "relay" -> "offer->answer round trip";
            case "signal" -> "candidate A->B->A round trip";
            default -> "announce->reply";
        };
    }

    private static String correction(LoadResult r) {
        if (r.config().ratePerSecond() > 0) {
            return "open loop from intended send time";
        }
        if (r.config().scenario().equals("churn")) {
            return "each client on its own timer, uncorrected";
        }
        return r.expectedIntervalMicros() > 0
                ? "closed loop, corrected at expected interval " + r.expectedIntervalMicros() + " us"
                : "closed loop, uncorrected";
    }

    private static double cpuMicrosPerMessage(LoadResult r) {
        double messages = r.receivedPerSecond() + r.perSecond(Count.SENT);
        return r.ownCpu() > 0 && messages > 0 ? r.ownCpu() * 1e6 / messages : -1;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    static String summary(LoadResult r) {
        LoadConfig c = r.config();
        Histogram h = r.latency();
        RateCheck rate = r.rate();
        StringBuilder json = new StringBuilder(1024).append('{');
        field(json, "scenario", '"' + c.scenario() + '"');
        field(json, "connections", c.connections());
        field(json, "up", r.up());
        field(json, "disconnected", r.total(Count.DISCONNECTED));
        field(json, "seconds", c.durationSeconds());
        field(json, "receivedPerSecond", r.receivedPerSecond());
        field(json, "responsesPerSecond", r.perSecond(Count.RESPONSES));
        field(json, "offersPerSecond", r.perSecond(Count.OFFERS));
        field(json, "answersPerSecond", r.perSecond(Count.ANSWERS));
        field(json, "scrapesPerSecond", r.perSecond(Count.SCRAPES));
        field(json, "failuresPerSecond", r.perSecond(Count.FAILURES));
        field(json, "announceFailuresPerSecond", r.perSecond(Count.ANNOUNCE_FAILURES));
        field(json, "answerFailuresPerSecond", r.perSecond(Count.ANSWER_FAILURES));
        field(json, "unattributedFailuresPerSecond", r.perSecond(Count.UNATTRIBUTED_FAILURES));
        field(json, "unpairedAnnounces", r.delta(Count.UNPAIRED_ANNOUNCES));
        field(json, "unmatchedResponses", r.delta(Count.UNMATCHED_RESPONSES));
        field(json, "fencePings", r.delta(Count.FENCE_PINGS));
        field(json, "otherPerSecond", r.perSecond(Count.OTHER));
        field(json, "sentPerSecond", r.perSecond(Count.SENT));
        field(json, "announcesPerSecond", r.perSecond(Count.ANNOUNCES_SENT));
        field(json, "skippedPerSecond", r.perSecond(Count.SKIPPED));
        field(json, "roundTripsPerSecond", r.perSecond(Count.ROUND_TRIPS));
        field(json, "openLoopRate", c.ratePerSecond());
        if (c.ratePerSecond() > 0) {
            field(json, "openLoopSentPerSecond", rate.sentPerSecond());
            field(json, "openLoopSettledPerSecond", rate.settledPerSecond());
            field(json, "outstandingStart", rate.backlogStart());
            field(json, "outstandingEnd", rate.backlogEnd());
            field(json, "rateKept", rate.kept());
            json.append("\"sendLagMs\":").append(percentiles(r.sendLag())).append(',');
        }
        json.append("\"latencyMs\":").append(percentiles(h)).append(',');
        field(json, "latencyCount", h.getTotalCount());
        field(json, "expectedIntervalMicros", r.expectedIntervalMicros());
        if (c.scenario().equals("signal")) {
            field(json, "relayedPerSecond", r.perSecond(Count.RELAYED));
            field(json, "identified", r.total(Count.AUTHENTICATED));
            field(json, "roomsJoined", r.total(Count.ROOM_MEMBERS));
            field(json, "wrongSender", r.total(Count.WRONG_SENDER));
            json.append("\"joinMs\":").append(percentiles(r.joinLatency())).append(',');
            field(json, "joinCount", r.joinLatency().getTotalCount());
        }
        if (c.scenario().equals("churn")) {
            field(json, "arrivals", r.total(Count.ARRIVALS));
            field(json, "leftClose", r.total(Count.LEFT_CLOSE));
            field(json, "leftFin", r.total(Count.LEFT_FIN));
            field(json, "leftReset", r.total(Count.LEFT_RESET));
            field(json, "leftSilent", r.total(Count.LEFT_SILENT));
            field(json, "silentClosedByServer", r.total(Count.SILENT_CLOSED_BY_SERVER));
            field(json, "silentNotClosed", r.total(Count.SILENT_NOT_CLOSED));
            field(json, "lost", r.total(Count.LOST));
        }
        if (c.scenario().equals("idle")) {
            field(json, "announced", r.total(Count.ANNOUNCED_CONNECTIONS));
            field(json, "trackerHeapBeforeBytes", r.heapBefore());
            field(json, "trackerHeapAfterBytes", r.heapAfter());
            field(json, "heapBytesPerConnection", r.heapPerConnection());
        }
        field(json, "trackerRssBytes", r.rssAfter());
        field(json, "trackerRssBeforeBytes", r.rssBefore());
        field(json, "rssBytesPerConnection", r.rssPerConnection());
        field(json, "trackerCpuCores", r.serverCpu());
        field(json, "generatorCpuCores", r.ownCpu());
        field(json, "generatorCpuMicrosPerMessage", r.spinning() ? -1.0 : cpuMicrosPerMessage(r));
        field(json, "generatorSpinning", r.spinning());
        CoreTimes.Share.appendJson(json, "generatorCores", r.generatorCores());
        CoreTimes.Share.appendJson(json, "trackerCores", r.trackerCores());
        json.setLength(json.length() - 1);
        return json.append('}').toString();
    }


    private static String percentiles(Histogram h) {
        return String.format(Locale.ROOT, "{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}",
                ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
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
