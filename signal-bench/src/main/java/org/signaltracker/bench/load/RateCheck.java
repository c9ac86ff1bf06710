package org.signaltracker.bench.load;

/**
 * Whether an open-loop run held the rate it was asked for, so that its latency is never reported as the
 * latency at a rate that was not reached. Two things must hold over the measured period: the generator
 * sent at least {@link #TOLERANCE} of the requested requests (none skipped, none lost to its own lag), and
 * the tracker settled at least {@link #TOLERANCE} of what was sent (otherwise a backlog grows, and latency
 * grows with the length of the run rather than measuring anything). Immutable.
 *
 * @param requestedPerSecond the --ratePerSecond asked for
 * @param sentPerSecond      requests actually sent per second
 * @param settledPerSecond   requests whose reply came (or that were settled unseen) per second
 * @param backlogStart       requests outstanding when the measured period began
 * @param backlogEnd         requests outstanding when it ended
 * @param kept               both conditions held
 */
record RateCheck(double requestedPerSecond, double sentPerSecond, double settledPerSecond, long backlogStart,
        long backlogEnd, boolean kept) {

    static final double TOLERANCE = 0.99;

    /** Computes the check from the period's counts; {@code requested} 0 means closed loop (always kept). */
    static RateCheck of(int requested, double seconds, long sent, long settled, long backlogStart, long backlogEnd) {
        double sentRate = sent / seconds;
        double settledRate = settled / seconds;
        boolean kept = requested == 0
                || (sentRate >= TOLERANCE * requested && settledRate >= TOLERANCE * sentRate);
        return new RateCheck(requested, sentRate, settledRate, backlogStart, backlogEnd, kept);
    }

    boolean generatorKept() {
        return requestedPerSecond == 0 || sentPerSecond >= TOLERANCE * requestedPerSecond;
    }

    boolean trackerKept() {
        return requestedPerSecond == 0 || settledPerSecond >= TOLERANCE * sentPerSecond;
    }

    /** The warm-up left more than half a second of sends outstanding: the first measured seconds drain it. */
    boolean startedWithBacklog() {
        return requestedPerSecond > 0 && backlogStart > requestedPerSecond / 2;
    }
}
