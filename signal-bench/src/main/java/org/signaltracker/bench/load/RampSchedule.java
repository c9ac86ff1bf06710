package org.signaltracker.bench.load;

/**
 * The open loop's clock: the rate climbs linearly from {@link #START_SHARE} of the requested rate to all
 * of it over the ramp, then stays there. Each connection's sends are evenly spaced on a "schedule time"
 * axis at the full rate; this maps schedule time to the real time a send is due. Immutable.
 *
 * <p>Why a ramp: at full rate from the first second, the tracker's and the generator's code is still
 * being compiled (the JIT threads share the pinned cores), capacity is briefly lower, and a backlog builds.
 * Measured at 5,000 announces/s over 1,000 connections: 4,361 requests were still outstanding when a 10 s
 * warm-up ended, and at 8,000/s 33,865; the measured period then drained them and reported seconds of
 * latency. The ramp takes the first half of the warm-up; the measured period is always at full rate.
 *
 * <p>With rate share f(t) = f0 + (1 - f0) t / R over the ramp R, schedule time is s(t) = f0 t + (1 - f0)
 * t^2 / 2R, and the real time of a schedule time is the positive root of that quadratic.
 */
final class RampSchedule {

    /** The share of the requested rate the ramp starts at. */
    static final double START_SHARE = 0.1;

    private final double rampNanos;
    /** Schedule time at the end of the ramp. */
    private final double rampScheduleNanos;

    RampSchedule(long rampNanos) {
        this.rampNanos = Math.max(0, rampNanos);
        this.rampScheduleNanos = START_SHARE * this.rampNanos + (1 - START_SHARE) * this.rampNanos / 2;
    }

    /** Nanoseconds after the origin at which schedule time {@code scheduleNanos} falls due. */
    long realNanos(long scheduleNanos) {
        if (rampNanos == 0 || scheduleNanos >= rampScheduleNanos) {
            return (long) (rampNanos + (scheduleNanos - rampScheduleNanos));
        }
        double a = (1 - START_SHARE) / (2 * rampNanos);
        double b = START_SHARE;
        return (long) ((-b + Math.sqrt(b * b + 4 * a * scheduleNanos)) / (2 * a));
    }
}
