package org.signaltracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Tasks run on the one named thread and keep running after one of their turns throws. */
class DatabaseThreadTest {

    @Test
    void aTaskThatThrowsRunsAgainOnTheNamedThread() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        AtomicReference<String> threadName = new AtomicReference<>();
        CountDownLatch third = new CountDownLatch(3);
        try (DatabaseThread thread = new DatabaseThread()) {
            thread.every(1, "test task", () -> {
                threadName.set(Thread.currentThread().getName());
                third.countDown();
                if (turns.incrementAndGet() == 1) {
                    throw new IllegalStateException("first turn fails");
                }
            });
            assertTrue(third.await(10, TimeUnit.SECONDS), "the task stopped after throwing");
        }
        assertEquals(DatabaseThread.NAME, threadName.get());
    }
}
