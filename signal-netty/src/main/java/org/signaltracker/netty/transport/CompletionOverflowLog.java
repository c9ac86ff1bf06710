package org.signaltracker.netty.transport;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.signaltracker.core.log.ThrottledLog;
import org.signaltracker.core.time.SystemClock;

/**
 * Turns Netty's io_uring "CompletionQueue overflow detected" warning, which Netty writes on every turn of
 * the loop that finds the overflow flag set (hundreds of lines a second under a burst of WebSocket sends),
 * into one line a minute that counts the rest. An overflow loses nothing: since Linux 5.5 the kernel keeps
 * completions that do not fit in the queue and hands them over once there is room (IORING_FEAT_NODROP; Netty
 * requires 5.14), so the line is for the operator who wants to know how often it happens, not an alarm.
 * Every other record of that logger passes unchanged.
 */
final class CompletionOverflowLog implements Filter {

    /** The logger Netty's io_uring event loops write to (Netty logs through java.util.logging here). */
    static final String NETTY_LOGGER = "io.netty.channel.uring.IoUringIoHandler";
    static final long INTERVAL_MILLIS = 60_000;
    private static final String OVERFLOW_MESSAGE = "CompletionQueue overflow detected";

    /** Held so that the logger, and the filter set on it, are not collected (the log manager holds loggers weakly). */
    private static final Logger NETTY = Logger.getLogger(NETTY_LOGGER);

    private final ThrottledLog overflows;

    CompletionOverflowLog(ThrottledLog overflows) {
        this.overflows = overflows;
    }

    /** Sets the filter on Netty's io_uring logger once; later calls keep it. */
    static synchronized void install() {
        if (!(NETTY.getFilter() instanceof CompletionOverflowLog)) {
            NETTY.setFilter(new CompletionOverflowLog(new ThrottledLog(Logger.getLogger(Transport.class.getName()),
                    Level.WARNING, INTERVAL_MILLIS, SystemClock.INSTANCE)));
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.startsWith(OVERFLOW_MESSAGE)) {
            return true;
        }
        overflows.report(() -> "io_uring completion queue overflowed: more operations completed in one turn of an "
                + "event loop than the queue holds (" + Transport.IO_URING_COMPLETION_ENTRIES + "); the kernel kept "
                + "the rest and nothing was lost");
        return false;
    }
}
