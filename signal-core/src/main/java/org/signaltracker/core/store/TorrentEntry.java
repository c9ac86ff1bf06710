package org.signaltracker.core.store;

import java.util.Objects;

/**
 * What an operator registers about a torrent: its hash, an optional name and comment, and whether the
 * tracker may serve it. Counts and times are not part of it; the store keeps those across a change of
 * entry. Immutable.
 *
 * @param infoHash the torrent
 * @param name     a label for people, or {@code null} for none
 * @param comment  a free note, or {@code null} for none
 * @param allowed  {@code true}: allowed (served under the allow-list policy); {@code false}: denied
 *                 (refused under the allow-list and deny-list policies)
 */
public record TorrentEntry(InfoHash infoHash, String name, String comment, boolean allowed) {

    /** Longest name or comment a store keeps, in characters. */
    public static final int MAX_TEXT_CHARS = 1024;

    public TorrentEntry {
        Objects.requireNonNull(infoHash, "infoHash");
        checkText("name", name);
        checkText("comment", comment);
    }

    private static void checkText(String what, String value) {
        if (value != null && value.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException(what + ": " + value.length() + " characters (expected: at most "
                    + MAX_TEXT_CHARS + ")");
        }
        if (value != null && value.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; refusing it on both databases keeps them identical.
            throw new IllegalArgumentException(what + ": contains a NUL character");
        }
    }
}
