package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a server-side condition that has no event to wait on (a counter, a connection count), checking
 * every few milliseconds and failing with {@code what} once {@code timeout} has passed.
 */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout + ": " + what.get());
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
