package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RampScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void withoutARampRealTimeIsScheduleTime() {
        RampSchedule none = new RampSchedule(0);
        assertEquals(0, none.realNanos(0));
        assertEquals(5 * SECOND, none.realNanos(5 * SECOND));
    }

    @Test
    void theRateClimbsFromATenthToAllOfItOverTheRamp() {
        RampSchedule ramp = new RampSchedule(10 * SECOND);
        // Over a 10 s ramp from 10 % to 100 % the schedule advances 0.1*10 + 0.9*10/2 = 5.5 s.
        assertEquals(10 * SECOND, ramp.realNanos(5_500_000_000L), 1_000);
        assertEquals(11 * SECOND, ramp.realNanos(6_500_000_000L), 1_000, "full rate after the ramp");
        // At the start one schedule millisecond takes ten real ones (a tenth of the rate) ...
        assertEquals(10_000_000, ramp.realNanos(1_000_000), 50_000);
        // ... and the spacing of equal schedule steps only shrinks.
        long previous = ramp.realNanos(0);
        long previousGap = ramp.realNanos(SECOND / 2) - previous;
        for (long s = SECOND / 2; s <= 6 * SECOND; s += SECOND / 2) {
            long gap = ramp.realNanos(s) - previous;
            assertTrue(gap <= previousGap + 1, "gap at " + s);
            previous = ramp.realNanos(s);
            previousGap = gap;
        }
    }
}
