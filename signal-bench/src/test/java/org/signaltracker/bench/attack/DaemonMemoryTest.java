package org.signaltracker.bench.attack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonMemoryTest {

    @Test
    void aLiveProcessHasResidentMemoryAndAHighWaterMark() throws Exception {
        try (DaemonMemory memory = new DaemonMemory(ProcessHandle.current().pid())) {
            assertTrue(memory.alive());
            assertTrue(memory.currentRssBytes() > 1 << 20);
            assertTrue(memory.hwmBytes() >= memory.peakRssBytes() - (64L << 20), "VmHWM is the kernel's peak");
        }
    }

    @Test
    void anExitedProcessIsSeenGone() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        assertTrue(exited.waitFor(5, TimeUnit.SECONDS));
        try (DaemonMemory memory = new DaemonMemory(exited.pid())) {
            assertFalse(memory.alive());
            assertTrue(memory.currentRssBytes() < 0);
        }
    }
}
