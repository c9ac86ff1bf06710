package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A random payload in {@code seed/} and a .torrent for it made by Debian's mktorrent with one announce URL,
 * plus the torrent's info hash (SHA-1 of the bencoded {@code info} value, read from the file mktorrent
 * wrote) so the test can ask the tracker about this swarm.
 */
final class RealTorrent {

    static final String PAYLOAD = "payload.bin";

    final Path torrent;
    final Path seedDirectory;
    final byte[] infoHash;

    private RealTorrent(Path torrent, Path seedDirectory, byte[] infoHash) {
        this.torrent = torrent;
        this.seedDirectory = seedDirectory;
        this.infoHash = infoHash;
    }

    /** {@code bytes} random bytes under {@code directory/seed}, and {@code directory/t.torrent} with 64 KiB pieces. */
    static RealTorrent make(Path directory, int bytes, String announceUrl) throws Exception {
        Path seed = Files.createDirectories(directory.resolve("seed"));
        byte[] payload = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(payload);
        Files.write(seed.resolve(PAYLOAD), payload);
        Path torrent = directory.resolve("t.torrent");
        try (ClientProcess mktorrent = ClientProcess.start("mktorrent", directory, Duration.ofSeconds(30),
                List.of("mktorrent", "-l", "16", "-a", announceUrl, "-o", torrent.toString(),
                        seed.resolve(PAYLOAD).toString()))) {
            assertEquals(0, mktorrent.awaitExit(Duration.ofSeconds(30)), "mktorrent failed:\n" + mktorrent.output());
        }
        byte[] file = Files.readAllBytes(torrent);
        assertTrue(new String(file, StandardCharsets.ISO_8859_1).contains(announceUrl), "announce URL in the torrent");
        return new RealTorrent(torrent, seed, infoHash(file));
    }

    String infoHashHex() {
        return HexFormat.of().formatHex(infoHash);
    }

    /** SHA-1 over the exact bytes of the top-level dictionary's {@code info} value. */
    static byte[] infoHash(byte[] torrent) throws Exception {
        int[] at = {0};
        expect(torrent, at, 'd');
        while (torrent[at[0]] != 'e') {
            String key = new String(string(torrent, at), StandardCharsets.ISO_8859_1);
            int start = at[0];
            skip(torrent, at);
            if (key.equals("info")) {
                return MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(torrent, start, at[0]));
            }
        }
        throw new IllegalArgumentException("no info dictionary in the torrent");
    }

    private static void skip(byte[] b, int[] at) {
        byte first = b[at[0]];
        if (first == 'i') {
            while (b[at[0]++] != 'e') {
                // to the end of the integer
            }
        } else if (first == 'l' || first == 'd') {
            at[0]++;
            while (b[at[0]] != 'e') {
                skip(b, at);
            }
            at[0]++;
        } else {
            string(b, at);
        }
    }

    private static byte[] string(byte[] b, int[] at) {
        int length = 0;
        while (b[at[0]] != ':') {
            length = length * 10 + (b[at[0]++] - '0');
        }
        at[0]++;
        byte[] value = Arrays.copyOfRange(b, at[0], at[0] + length);
        at[0] += length;
        return value;
    }

    private static void expect(byte[] b, int[] at, char c) {
        if (b[at[0]++] != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + (at[0] - 1));
        }
    }
}
