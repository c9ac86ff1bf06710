package org.signaltracker.bench.load;

import org.HdrHistogram.Histogram;
import org.signaltracker.bench.load.LoadStats.Count;

/**
 * Everything one run measured, for {@link LoadReport}. Counts are the measured period's (the end snapshot
 * minus the start one) unless a name says otherwise. Immutable once built.
 *
 * @param config           what was run
 * @param up               connections whose handshake completed
 * @param start            counters when the measured period began ({@link LoadStats#snapshot})
 * @param end              counters when it ended
 * @param seconds          measured wall-clock seconds
 * @param latency          the measured period's latency histogram (microseconds)
 * @param connectLatency   latency recorded before the measured period (idle: the one announce per connection)
 * @param joinLatency      signal: JOIN_ROOM → ROOM_MEMBERS over the whole run (microseconds)
 * @param sendLag          open loop: how late the generator got to its scheduled sends (microseconds)
 * @param expectedIntervalMicros closed loop: the coordinated-omission correction interval, 0 if none
 * @param rssBefore        tracker VmRSS before connecting, -1 unknown
 * @param rssAfter         tracker VmRSS at the end, -1 unknown
 * @param heapBefore       idle: tracker live heap before connecting (after a full GC), -1 unknown
 * @param heapAfter        idle: tracker live heap at the end, -1 unknown
 * @param serverCpu        tracker CPU over the measured period, in cores; -1 unknown
 * @param ownCpu           generator CPU over the measured period, in cores; -1 unknown
 * @param rate             open loop: whether the requested rate held
 * @param spinning         the generator's loops spin-waited (its CPU share is then 100 % by design)
 * @param generatorCores   where the time of the generator's cores went over the period, or null
 * @param trackerCores     the same for the tracker's cores (with --serverPid), or null
 */
record LoadResult(LoadConfig config, long up, long[] start, long[] end, double seconds, Histogram latency,
        Histogram connectLatency, Histogram joinLatency, Histogram sendLag, long expectedIntervalMicros, long rssBefore, long rssAfter,
        long heapBefore, long heapAfter, double serverCpu, double ownCpu, RateCheck rate, boolean spinning,
        CoreTimes.Share generatorCores, CoreTimes.Share trackerCores) {

    long delta(Count count) {
        return end[count.ordinal()] - start[count.ordinal()];
    }

    double perSecond(Count count) {
        return delta(count) / seconds;
    }

    /** A counter over the whole run, connecting and warm-up included. */
    long total(Count count) {
        return end[count.ordinal()];
    }

    double receivedPerSecond() {
        double total = 0;
        for (Count count : LoadStats.RECEIVED) {
            total += perSecond(count);
        }
        return total;
    }

    /** Resident growth per connection up, or -1 unknown. */
    double rssPerConnection() {
        return rssBefore > 0 && rssAfter > 0 ? (rssAfter - rssBefore) / (double) Math.max(1, up) : -1;
    }

    /** Live heap growth per connection up, or -1 unknown. */
    double heapPerConnection() {
        return heapBefore > 0 && heapAfter > 0 ? (heapAfter - heapBefore) / (double) Math.max(1, up) : -1;
    }
}
