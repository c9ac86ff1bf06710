package org.signaltracker.core.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Reads {@code access.bannedRangesFile}: one CIDR range or bare address per line, {@code #} starting a
 * comment, blank lines ignored. Bounded: a file of more than {@link #MAX_RANGES} ranges is refused rather
 * than read into memory without end. Stateless; does file I/O, so never called on an event loop.
 */
public final class BannedRangesFile {

    /** About 40 MB of intervals at most; far more than any published blocklist. */
    public static final int MAX_RANGES = 1_000_000;

    private BannedRangesFile() {
    }

    /**
     * @throws IOException naming the file, and the line and entry at fault for a bad line
     */
    public static AddressRanges read(Path path) throws IOException {
        AddressRanges.Builder builder = new AddressRanges.Builder();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int hash = line.indexOf('#');
                String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (builder.size() >= MAX_RANGES) {
                    throw new IOException(path + ": more than " + MAX_RANGES + " ranges");
                }
                try {
                    builder.add(entry);
                } catch (IllegalArgumentException e) {
                    throw new IOException(path + " line " + lineNumber + ": " + e.getMessage());
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(path + ": not valid UTF-8");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(path + ": no such file");
        }
        return builder.build();
    }

    /** The file's modification time, or null when it cannot be read: compared to notice a change. */
    static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return null;
        }
    }
}
