package org.signaltracker.netty.transport;

/**
 * {@code server.transport} names a transport this machine cannot run (its native library did not load, the
 * kernel is too old, or a seccomp profile refuses io_uring). The message names the key, the value and Netty's
 * reason; the daemon stops its start with it, as it does for a bad config value.
 */
public final class TransportUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    TransportUnavailableException(String message) {
        super(message);
    }
}
