package org.signaltracker.netty.app;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Keeps {@code limits.maxConnections} within the process's open-file limit. Every connection is a file
 * descriptor; a cap above the limit never triggers, and accept fails with "Too many open files" instead,
 * for health checks too. At start the server clamps the cap to what the limit allows, keeping
 * {@link #OWN_FILES} descriptors for the daemon itself (jars, event loops, logs) and the health-check
 * reserve, and says so in one line. The manual of {@code limits.maxConnections} (ConfigSchema) quotes
 * {@link #OWN_FILES} plus the reserve; a test keeps them equal. Stateless; {@link #decide} is a pure function.
 */
final class OpenFileLimit {

    /** Descriptors kept for the JVM and the daemon's own files: jars, epoll and event fds, the listener, logs. */
    static final int OWN_FILES = 256;

    /**
     * The cap to use.
     *
     * @param maxConnections the cap to apply
     * @param warning        one line for the log when the configured cap was lowered, else null
     */
    record Decision(int maxConnections, String warning) {
    }

    private OpenFileLimit() {
    }

    /**
     * @param configured    {@code limits.maxConnections}; 0 means no limit
     * @param fileLimit     the process's open-file limit, or a negative number when unknown
     * @param healthReserve connections admitted beyond the cap for health checks
     */
    static Decision decide(int configured, long fileLimit, int healthReserve) {
        if (fileLimit <= 0) {
            return new Decision(configured, null);
        }
        int usable = (int) Math.max(1, Math.min(Integer.MAX_VALUE, fileLimit - OWN_FILES - healthReserve));
        if (configured != 0 && configured <= usable) {
            return new Decision(configured, null);
        }
        String asked = configured == 0 ? "0 (no limit)" : Integer.toString(configured);
        return new Decision(usable, "limits.maxConnections = " + asked + " does not fit the open-file limit of "
                + fileLimit + " (" + OWN_FILES + " kept for the daemon's own files, " + healthReserve
                + " for health checks at the cap): using " + usable + " connections; to allow more, raise"
                + " LimitNOFILE in the systemd unit (or ulimit -n) and restart");
    }

    /** The open-file limit of this process, or -1 where the JVM cannot tell (not a Unix JVM). */
    static long current() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }
}
