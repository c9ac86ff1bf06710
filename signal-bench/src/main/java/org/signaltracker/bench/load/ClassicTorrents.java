package org.signaltracker.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The info hashes the classic scenarios announce into: torrent {@code i} is SHA-1 of
 * {@code "signal-tracker load torrent " + i}, so hashes spread over a tracker's buckets as real ones do (a
 * common prefix would put every torrent in one of opentracker's 1,024 locked buckets), and a whitelist can
 * be written for them ({@link #main}: opentracker in Debian serves whitelisted hashes only). Immutable.
 */
public final class ClassicTorrents {

    private final byte[] hashes;
    /** Each hash percent-encoded for a query string: 60 ASCII bytes. */
    private final byte[] escaped;

    public ClassicTorrents(int count) {
        hashes = new byte[count * 20];
        escaped = new byte[count * 60];
        MessageDigest sha1 = sha1();
        for (int i = 0; i < count; i++) {
            byte[] hash = sha1.digest(("signal-tracker load torrent " + i).getBytes(StandardCharsets.US_ASCII));
            System.arraycopy(hash, 0, hashes, i * 20, 20);
            HttpRequests.percentEncode(hash, 0, 20, escaped, i * 60);
        }
    }

    public int count() {
        return hashes.length / 20;
    }

    /** The 20 hash bytes of torrent {@code i} are {@code hashes()[i * 20 .. i * 20 + 20)}. */
    byte[] hashes() {
        return hashes;
    }

    /** The 60 escaped bytes of torrent {@code i} are {@code escaped()[i * 60 .. i * 60 + 60)}. */
    byte[] escaped() {
        return escaped;
    }

    String hex(int i) {
        StringBuilder out = new StringBuilder(40);
        for (int b = 0; b < 20; b++) {
            out.append(Character.forDigit((hashes[i * 20 + b] >> 4) & 0xF, 16))
                    .append(Character.forDigit(hashes[i * 20 + b] & 0xF, 16));
        }
        return out.toString();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Prints the hex info hashes of torrents 0..N-1, one a line (an opentracker whitelist): {@code N}. */
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("\\d{1,8}") || Integer.parseInt(args[0]) < 1) {
            System.err.println("usage: ClassicTorrents COUNT   (1..99999999)");
            System.exit(2);
            return;
        }
        ClassicTorrents torrents = new ClassicTorrents(Integer.parseInt(args[0]));
        StringBuilder out = new StringBuilder(torrents.count() * 41);
        for (int i = 0; i < torrents.count(); i++) {
            out.append(torrents.hex(i)).append('\n');
        }
        System.out.print(out);
    }
}
