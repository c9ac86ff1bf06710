package org.signaltracker.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text file {@code signal-tracker torrents import} reads and {@code export} writes: one torrent per line,
 * its 40-digit hex info hash first, then optionally whitespace and a name (the rest of the line, which may
 * hold spaces and {@code #}). Blank lines and lines whose first non-blank character is {@code #} are
 * comments. Parsing checks the whole file before anything is written, so a file with a bad line imports
 * nothing: every bad line is reported with its number. Stateless.
 */
public final class HashListFile {

    /** A file with this many bad lines reports these and stops counting: a wrong file needs no full list. */
    static final int MAX_REPORTED_ERRORS = 20;

    private HashListFile() {
    }

    /** One torrent line: the hash and its name, or {@code null} when the line names none. */
    public record Line(int number, InfoHash infoHash, String name) {
    }

    /** A file with bad lines; the message lists them, one {@code line N: reason} per line. */
    public static final class BadFileException extends Exception {

        private static final long serialVersionUID = 1L;

        BadFileException(String message) {
            super(message);
        }
    }

    /** The torrent lines of {@code lines} (the file's lines in order), or every bad line in the exception. */
    public static List<Line> parse(List<String> lines) throws BadFileException {
        List<Line> torrents = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<InfoHash, Integer> seenOn = new HashMap<>();
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String error = null;
            int gap = firstWhitespace(line);
            String hex = gap < 0 ? line : line.substring(0, gap);
            String name = gap < 0 ? null : line.substring(gap).strip();
            try {
                InfoHash hash = InfoHash.parseHex(hex);
                new TorrentEntry(hash, name, null, true); // the same checks on the name as the store's
                Integer earlier = seenOn.putIfAbsent(hash, number);
                if (earlier != null) {
                    error = "info hash " + hash + " repeats line " + earlier;
                } else {
                    torrents.add(new Line(number, hash, name));
                }
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
            if (error != null && ++bad <= MAX_REPORTED_ERRORS) {
                errors.add("line " + number + ": " + error);
            }
        }
        if (bad > 0) {
            if (bad > MAX_REPORTED_ERRORS) {
                errors.add("... and " + (bad - MAX_REPORTED_ERRORS) + " more bad lines");
            }
            throw new BadFileException(String.join("\n", errors));
        }
        return torrents;
    }

    /**
     * The line {@link #parse} reads back as this torrent. Line breaks and other control characters in a name
     * (possible through the admin API) become spaces, since the file holds one torrent per line.
     */
    public static String format(InfoHash infoHash, String name) {
        if (name == null || name.isBlank()) {
            return infoHash.toHex();
        }
        StringBuilder line = new StringBuilder(41 + name.length()).append(infoHash.toHex()).append(' ');
        name.strip().chars().forEach(c -> line.append(Character.isISOControl(c) ? ' ' : (char) c));
        return line.toString();
    }

    private static int firstWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
