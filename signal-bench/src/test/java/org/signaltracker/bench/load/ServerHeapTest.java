package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerHeapTest {

    @Test
    void g1OnJdk25AsItPrintsIt() {
        // Captured from the daemon on Temurin 25.0.3: the heap line is flush left.
        String info = "23805:\n"
                + "garbage-first heap   total reserved 1048576K, committed 1048576K, used 21052K [0x00000000c0000000, 0x0000000100000000)\n"
                + " region size 1024K, 20 young (20480K), 0 survivors (0K)\n";
        assertEquals(21052L * 1024, ServerHeap.parseUsedBytes(info));
    }

    @Test
    void g1WithMetaspaceLines() {
        String info = "12345:\n"
                + " garbage-first heap   total reserved 1048576K, committed 1048576K, used 54840K [0x00000000c0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 5 young (5120K), 0 survivors (0K)\n"
                + " Metaspace       used 20480K, committed 20736K, reserved 1114112K\n"
                + "  class space    used 2048K, committed 2176K, reserved 1048576K\n";
        assertEquals(54840L * 1024, ServerHeap.parseUsedBytes(info));
    }

    @Test
    void g1OnJdk17() {
        String info = " garbage-first heap   total 1048576K, used 4420K [0x00000000c0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 1 young (1024K), 0 survivors (0K)\n"
                + " Metaspace       used 9000K, capacity 9200K, committed 9400K, reserved 1056768K\n";
        assertEquals(4420L * 1024, ServerHeap.parseUsedBytes(info));
    }

    @Test
    void generationalHeapsAddTheirGenerations() {
        String info = " PSYoungGen      total 305664K, used 15729K [0x00000000eab00000, 0x0000000100000000, 0x0000000100000000)\n"
                + "  eden space 262144K, 6% used [0x00000000eab00000,0x00000000eba5c420,0x00000000fab00000)\n"
                + " ParOldGen       total 699392K, used 100K [0x00000000c0000000, 0x00000000eab00000, 0x00000000eab00000)\n"
                + " Metaspace       used 3000K, committed 3200K, reserved 1056768K\n";
        assertEquals((15729L + 100) * 1024, ServerHeap.parseUsedBytes(info));
    }

    @Test
    void zgcAndShenandoahSpellItTheirWay() {
        assertEquals(30L << 20, ServerHeap.parseUsedBytes(" ZHeap           used 30M, capacity 1024M, max capacity 1024M\n"));
        assertEquals(4420L * 1024, ServerHeap.parseUsedBytes(
                "Shenandoah Heap\n 1048576K max, 1048576K soft max, 1048576K committed, 4420K used\n"));
    }

    @Test
    void outputWithoutAHeapLineGivesMinusOne() {
        assertEquals(-1, ServerHeap.parseUsedBytes("12345:\nCould not find any jcmd command\n"));
        assertEquals(-1, ServerHeap.parseUsedBytes(" Metaspace       used 20480K\n"));
    }
}
