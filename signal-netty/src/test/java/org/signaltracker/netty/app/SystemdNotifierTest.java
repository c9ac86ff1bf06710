package org.signaltracker.netty.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sd_notify messages reach a unix datagram socket named by a path or in the abstract namespace. */
class SystemdNotifierTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsEpoll() {
        assumeTrue(Epoll.isAvailable(), "unix datagrams need Netty's native epoll");
    }

    @Test
    void readyReloadingAndStoppingReachASocketAtAPath() throws Exception {
        try (NotifySocket systemd = new NotifySocket(dir.resolve("notify").toString());
                SystemdNotifier notifier = new SystemdNotifier(systemd.name())) {
            assertTrue(notifier.ready());
            assertEquals("READY=1\nSTATUS=serving", systemd.next(5));
            long before = TimeUnit.NANOSECONDS.toMicros(System.nanoTime());
            assertTrue(notifier.reloading());
            String reloading = systemd.next(5);
            assertTrue(reloading.startsWith("RELOADING=1\nSTATUS=reloading the configuration\nMONOTONIC_USEC="),
                    reloading);
            long monotonic = Long.parseLong(reloading.substring(reloading.lastIndexOf('=') + 1));
            assertTrue(monotonic >= before && monotonic <= TimeUnit.NANOSECONDS.toMicros(System.nanoTime()),
                    "MONOTONIC_USEC is the monotonic clock now: " + monotonic);
            assertTrue(notifier.stopping());
            assertEquals("STOPPING=1\nSTATUS=stopping", systemd.next(5));
        }
    }

    @Test
    void anAbstractNamespaceAddressWorksToo() throws Exception {
        String name = "@signal-tracker-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NotifySocket systemd = new NotifySocket(name);
                SystemdNotifier notifier = new SystemdNotifier(name)) {
            assertTrue(notifier.ready());
            assertEquals("READY=1\nSTATUS=serving", systemd.next(5));
        }
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        try (SystemdNotifier notifier = new SystemdNotifier(null)) {
            assertFalse(notifier.enabled());
            assertFalse(notifier.ready());
        }
    }

    @Test
    void aMissingSocketIsReportedNotThrown() {
        try (SystemdNotifier notifier = new SystemdNotifier(dir.resolve("nobody-listens").toString())) {
            assertTrue(notifier.enabled());
            assertFalse(notifier.ready(), "nothing listens there");
        }
    }
}
