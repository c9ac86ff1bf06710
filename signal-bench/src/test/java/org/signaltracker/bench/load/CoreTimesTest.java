package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreTimesTest {

    @Test
    void sharesAddUpPerCoreSet() {
        long[][] before = CoreTimes.parse(List.of(
                "cpu  100 0 100 100 0 0 0 0 0 0",
                "cpu0 10 0 10 70 0 0 10 0 0 0",
                "cpu1 50 0 20 30 0 0 0 0 0 0",
                "intr 123"));
        long[][] after = CoreTimes.parse(List.of(
                "cpu0 30 0 30 100 0 0 30 10 0 0",
                "cpu1 110 0 40 40 0 0 10 0 0 0"));
        CoreTimes.Share zero = CoreTimes.share(before, after, CoreTimes.parseList("0"));
        assertEquals("0", zero.cores());
        assertEquals(0.4, zero.process(), 1e-9); // 40 of 100 ticks
        assertEquals(0.2, zero.irq(), 1e-9);
        assertEquals(0.1, zero.steal(), 1e-9);
        assertEquals(0.3, zero.idle(), 1e-9);
        CoreTimes.Share both = CoreTimes.share(before, after, CoreTimes.parseList("0-1"));
        assertEquals((40 + 80) / 200.0, both.process(), 1e-9);
        assertEquals("0,1", both.cores());
    }

    @Test
    void coreListsAndUnknowns() {
        BitSet cores = CoreTimes.parseList("0-2,5");
        assertEquals("{0, 1, 2, 5}", cores.toString());
        long[][] one = CoreTimes.parse(List.of("cpu0 1 0 1 1 0 0 0 0"));
        assertNull(CoreTimes.share(one, one, CoreTimes.parseList("3")), "a core that is not there");
        assertNull(CoreTimes.share(null, one, cores));
        assertNull(CoreTimes.share(one, one, CoreTimes.parseList("0")), "no time passed");
    }
}
