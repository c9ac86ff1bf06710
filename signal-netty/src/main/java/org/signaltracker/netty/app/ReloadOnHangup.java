package org.signaltracker.netty.app;

import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * Runs a reload when the process gets SIGHUP (systemd's {@code ExecReload=/bin/kill -HUP $MAINPID}, or an
 * operator's {@code kill -HUP}).
 *
 * <p>Why {@code sun.misc.Signal}: the JDK has no supported API for catching a signal, and this one (module
 * {@code jdk.unsupported}, exported for exactly such uses) replaces the JVM's own SIGHUP handling, which
 * would otherwise run the shutdown hooks and stop the daemon. The alternative, a native library or a
 * watched file, would add more than it saves. The JVM runs each handler call on a fresh thread of its own,
 * never on an event loop, so the reload may read the file there; {@link ConfigReloader} serialises reloads.
 * Under {@code -Xrs} the JVM leaves signals alone and installing fails: that is logged, and the daemon
 * runs without reload.
 */
final class ReloadOnHangup {

    private static final Logger LOG = Logger.getLogger(ReloadOnHangup.class.getName());

    private ReloadOnHangup() {
    }

    /** From now on, every SIGHUP runs {@code reload} once. */
    static boolean install(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                try {
                    reload.run();
                } catch (RuntimeException e) {
                    LOG.severe("reload failed, the running configuration stays: " + e);
                }
            });
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warning("cannot handle SIGHUP, so reloading is off (" + e.getMessage() + ")");
            return false;
        }
    }
}
