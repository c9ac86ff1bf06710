package org.signaltracker.core.policy;

import java.util.Locale;

/** How the tracker treats an info hash by its standing in the database. */
public enum PolicyMode {
    /** Every info hash is tracked, listed or not; each one seen is recorded in the database. */
    OPEN,
    /** Only info hashes registered as allowed are tracked. */
    ALLOW_LIST,
    /** Every info hash is tracked except those registered as denied. */
    DENY_LIST;

    /** The name in the config file: {@code open}, {@code allow-list}, {@code deny-list}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PolicyMode fromConfigName(String name) {
        for (PolicyMode mode : values()) {
            if (mode.configName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("policy: " + name + " (expected: one of open, allow-list, deny-list)");
    }

    /** Whether activity for an info hash without a row creates one (see {@code TorrentStore.applyActivity}). */
    public boolean recordsUnknownTorrents() {
        return this == OPEN;
    }
}
