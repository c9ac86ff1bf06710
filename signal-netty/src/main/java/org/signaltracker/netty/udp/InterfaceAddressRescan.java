package org.signaltracker.netty.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.signaltracker.core.log.ThrottledLog;

/**
 * Re-reads the interface addresses of a wildcard bind every period and hands them to the listener, which
 * binds the new ones and closes the gone ones: a DHCP lease, a rotating IPv6 privacy address or an
 * interface that comes up after the daemon are served without a restart. Enumerating interfaces is a
 * blocking system call (netlink and ioctl; milliseconds, more with many interfaces), so it runs on a thread
 * of its own, never on an event loop. A pass that fails is logged and the next runs as planned.
 *
 * <p>Owns its thread, {@value #THREAD_NAME}; {@link #stop} may come from any thread.
 */
final class InterfaceAddressRescan {

    static final String THREAD_NAME = "signal-tracker-udp-addresses";
    private static final ThrottledLog FAILURES = ThrottledLog.warnings(InterfaceAddressRescan.class);

    private final String wildcard;
    private final Consumer<List<InetAddress>> follower;
    private final ScheduledExecutorService thread;
    private final AtomicLong passes = new AtomicLong();

    private InterfaceAddressRescan(String wildcard, Consumer<List<InetAddress>> follower) {
        this.wildcard = wildcard;
        this.follower = follower;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread rescans = new Thread(task, THREAD_NAME);
            rescans.setDaemon(true);
            return rescans;
        });
    }

    /**
     * @param wildcard {@code 0.0.0.0} or {@code ::}, as configured ({@link UdpBindAddresses#resolve})
     * @param follower takes each pass's addresses, on the rescan thread
     */
    static InterfaceAddressRescan start(String wildcard, Consumer<List<InetAddress>> follower, Duration period) {
        InterfaceAddressRescan rescan = new InterfaceAddressRescan(wildcard, follower);
        long millis = period.toMillis();
        rescan.thread.scheduleWithFixedDelay(rescan::pass, millis, millis, TimeUnit.MILLISECONDS);
        return rescan;
    }

    /** No pass starts after this; one under way is interrupted (the listener, closed first, ignores it). */
    void stop() {
        thread.shutdownNow();
    }

    /** Passes finished, failed ones included (tests wait on it). */
    long passes() {
        return passes.get();
    }

    /** An exception leaving here would cancel every later pass, hence the catch-all for runtime failures. */
    private void pass() {
        try {
            follower.accept(UdpBindAddresses.resolve(wildcard));
        } catch (IOException | RuntimeException e) {
            FAILURES.report(() -> "UDP tracker: cannot read the interface addresses (tried again in "
                    + "the next pass): " + e);
        } finally {
            passes.incrementAndGet();
        }
    }
}
