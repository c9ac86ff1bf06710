package org.signaltracker.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon keeps files that outlive it. systemd's {@code StateDirectory=} creates
 * {@code /var/lib/signal-tracker} for the service and passes it as {@code $STATE_DIRECTORY}; run from the
 * checkout, it is {@code ./data}. Stateless.
 */
final class StateDirectory {

    static final String ENV = "STATE_DIRECTORY";
    static final Path FROM_CHECKOUT = Path.of("data");

    private StateDirectory() {
    }

    static Path resolve(Map<String, String> environment) {
        String fromSystemd = environment.get(ENV);
        if (fromSystemd == null || fromSystemd.isBlank()) {
            return FROM_CHECKOUT;
        }
        // systemd joins several directories with ':'; the first is the one named first in the unit.
        return Path.of(fromSystemd.split(":", 2)[0]);
    }
}
