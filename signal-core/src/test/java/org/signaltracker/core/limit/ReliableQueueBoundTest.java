package org.signaltracker.core.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReliableQueueBoundTest {

    @Test
    void addsUpToTheBoundAndRefusesWithoutCountingPastIt() {
        ReliableQueueBound bound = new ReliableQueueBound(100);
        assertTrue(bound.tryAdd(60));
        assertTrue(bound.tryAdd(40));
        assertFalse(bound.tryAdd(1));
        assertEquals(100, bound.queuedBytes());
        bound.remove(60);
        assertTrue(bound.tryAdd(50));
        assertFalse(bound.tryAdd(11));
        assertEquals(90, bound.queuedBytes());
    }

    @Test
    void concurrentAddersNeverPassTheBound() throws Exception {
        ReliableQueueBound bound = new ReliableQueueBound(10_000);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 10_000; i++) {
                    if (bound.tryAdd(7)) {
                        accepted.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        assertEquals(10_000 / 7, accepted.get());
        assertEquals(10_000 / 7 * 7, bound.queuedBytes());
    }
}
