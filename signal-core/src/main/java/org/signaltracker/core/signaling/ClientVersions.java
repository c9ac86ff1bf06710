package org.signaltracker.core.signaling;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code signaling.clientVersions}: the exact {@code clientVersion} strings IDENTIFY may carry. Empty
 * accepts any version or none; otherwise a missing or unlisted one is refused (2103). Immutable.
 */
final class ClientVersions {

    private final Set<String> accepted;

    ClientVersions(String commaSeparated) {
        this.accepted = commaSeparated.isBlank() ? Set.of()
                : Stream.of(commaSeparated.split(",")).map(String::strip).collect(Collectors.toUnmodifiableSet());
    }

    boolean accepts(String version) {
        return accepted.isEmpty() || (version != null && accepted.contains(version));
    }
}
