package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition the server reports but has no event for (a counter reaching a value, a connection
 * count), checking it every millisecond and failing the test once the timeout has passed.
 */
final class Await {

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails the test with {@code what} after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(condition, timeout, () -> "waiting until " + what);
    }

    /** As above, with a message built at the failure (for figures read from the server then). */
    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
