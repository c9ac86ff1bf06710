package org.signaltracker.bench.load;

/**
 * Whether an open-loop run held the rate it was asked for, in a steady state, so that its latency is
 * never reported as the latency at a rate that was not reached. Over the measured period:
 * <ul>
 *   <li>the generator sent at least {@link #TOLERANCE} of the requested requests (none skipped, none lost
 *       to its own lag);
 *   <li>the backlog (requests sent and not yet settled) did not grow: otherwise the tracker is behind, and
 *       latency grows with the length of the run rather than measuring anything;
 *   <li>nor shrink: otherwise the period began with a backlog left by the warm-up and measured its
 *       draining. Measured at 8,000/s: the tracker settled 9,520/s while draining 33,865 requests and
 *       the latency was seconds, yet it had kept up with what was sent.
 * </ul>
 * The backlog may move by the larger of 1 % of the requests sent and a tenth of a second of sends.
 * Immutable.
 *
 * @param requestedPerSecond the --ratePerSecond asked for
 * @param sentPerSecond      requests actually sent per second
 * @param settledPerSecond   requests whose reply came (or that were settled unseen) per second
 * @param backlogStart       requests outstanding when the measured period began
 * @param backlogEnd         requests outstanding when it ended
 * @param slack              how far the backlog may move
 */
record RateCheck(double requestedPerSecond, double sentPerSecond, double settledPerSecond, long backlogStart,
        long backlogEnd, double slack) {

    static final double TOLERANCE = 0.99;

    /** Computes the check from the period's counts; {@code requested} 0 means closed loop (always kept). */
    static RateCheck of(int requested, double seconds, long sent, long settled, long backlogStart, long backlogEnd) {
        double slack = Math.max((1 - TOLERANCE) * sent, requested / 10.0);
        return new RateCheck(requested, sent / seconds, settled / seconds, backlogStart, backlogEnd, slack);
    }

    boolean generatorKept() {
        return requestedPerSecond == 0 || sentPerSecond >= TOLERANCE * requestedPerSecond;
    }

    /** The backlog did not grow beyond the slack. */
    boolean trackerKept() {
        return requestedPerSecond == 0 || backlogEnd - backlogStart <= slack;
    }

    /** The backlog shrank beyond the slack: the period measured the draining of the warm-up's backlog. */
    boolean drained() {
        return requestedPerSecond > 0 && backlogStart - backlogEnd > slack;
    }

    boolean kept() {
        return generatorKept() && trackerKept() && !drained();
    }
}
