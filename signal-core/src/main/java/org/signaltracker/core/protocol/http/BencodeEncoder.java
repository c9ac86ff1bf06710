package org.signaltracker.core.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.AddressOutcome;
import org.signaltracker.core.tracker.ScrapeCounts;

/**
 * Writes the HTTP tracker's bencoded answers into one reused byte array, by hand: every key is a constant,
 * numbers are written digit by digit and peers are copied from the core's compact entries, so an answer
 * allocates nothing, per peer or otherwise (the array grows only when a larger cap is configured).
 * Dictionary keys appear in raw byte order, as bencoding requires.
 *
 * <p>Announce: {@code complete, downloaded, incomplete, interval, min interval, peers[, peers6][, warning
 * message]}. The caller's family goes in its own key: an IPv4 caller gets {@code peers} (6 bytes a peer,
 * BEP 23), an IPv6 caller {@code peers6} (18 bytes, BEP 7) next to an empty {@code peers} for clients that
 * look for that key first. With {@code compact=0} {@code peers} is the list of {@code {ip, peer id, port}}
 * dictionaries of BEP 3 instead (whatever the family; {@code peer id} left out for {@code no_peer_id=1}).
 *
 * <p>Not thread-safe: one per event loop. The bytes are valid until the next write.
 */
public final class BencodeEncoder {

    private static final byte[] ANNOUNCE_OPEN = ascii("d8:completei");
    private static final byte[] DOWNLOADED = ascii("e10:downloadedi");
    private static final byte[] INCOMPLETE = ascii("e10:incompletei");
    private static final byte[] INTERVAL = ascii("e8:intervali");
    private static final byte[] MIN_INTERVAL = ascii("e12:min intervali");
    private static final byte[] PEERS = ascii("e5:peers");
    private static final byte[] PEERS6 = ascii("6:peers6");
    private static final byte[] EMPTY_STRING = ascii("0:");
    private static final byte[] PEER_IP = ascii("d2:ip");
    private static final byte[] PEER_ID = ascii("7:peer id20:");
    private static final byte[] PEER_PORT = ascii("4:porti");
    private static final byte[] WARNING = ascii("15:warning message");
    private static final byte[] FAILURE = ascii("d14:failure reason");
    private static final byte[] SCRAPE_OPEN = ascii("d5:filesd");
    private static final byte[] FILE_COMPLETE = ascii("d8:completei");
    private static final byte[] END_TWICE = ascii("ee");
    private static final byte[] HEX = ascii("0123456789abcdef");
    /** The failure reasons, bencoded once: a failure is a copy. */
    private static final byte[][] FAILURES = failures();

    /** One dictionary-model peer at most: {@code d2:ip39:<IPv6>7:peer id20:<id>4:porti65535ee}. */
    private static final int MAX_DICT_PEER = 5 + 3 + 39 + PEER_ID.length + 20 + PEER_PORT.length + 5 + 2;
    /** Counts, intervals, keys and a warning around the peers, with room to spare. */
    private static final int ANNOUNCE_FRAME = 512;
    /** One scrape file: {@code 20:<hash>d8:completei..e10:downloadedi..e10:incompletei..ee}. */
    private static final int SCRAPE_FILE = 3 + 20 + FILE_COMPLETE.length + 10 + DOWNLOADED.length + 19
            + INCOMPLETE.length + 10 + 2;

    private byte[] buf;
    private int size;

    /** Sized for answers of up to {@code maxPeers} peers and scrapes of up to {@code maxScrapeHashes}. */
    public BencodeEncoder(int maxPeers, int maxScrapeHashes) {
        buf = new byte[capacityFor(maxPeers, maxScrapeHashes)];
    }

    /** Makes room for larger caps after a reload; never shrinks. */
    public void fit(int maxPeers, int maxScrapeHashes) {
        int needed = capacityFor(maxPeers, maxScrapeHashes);
        if (buf.length < needed) {
            buf = new byte[needed];
        }
    }

    private static int capacityFor(int maxPeers, int maxScrapeHashes) {
        return Math.max(ANNOUNCE_FRAME + maxPeers * MAX_DICT_PEER, 16 + maxScrapeHashes * SCRAPE_FILE);
    }

    /** The bytes written by the last call; valid until the next one. */
    public byte[] bytes() {
        return buf;
    }

    public int size() {
        return size;
    }

    /**
     * An announce answer from the core's outcome; {@code warning} (ASCII, may be null) is added as
     * {@code warning message}.
     */
    public void announce(AddressOutcome out, boolean compact, boolean noPeerId, int interval, int minInterval,
            byte[] warning) {
        size = 0;
        put(ANNOUNCE_OPEN);
        number(out.complete);
        put(DOWNLOADED);
        number(out.downloaded);
        put(INCOMPLETE);
        number(out.incomplete);
        put(INTERVAL);
        number(interval);
        put(MIN_INTERVAL);
        number(minInterval);
        put(PEERS);
        int entry = out.entryBytes();
        if (!compact) {
            dictionaryPeers(out, noPeerId);
        } else if (out.addressLength == 4) {
            string(out.endpoints, 0, out.peerCount * entry);
        } else {
            put(EMPTY_STRING);
            put(PEERS6);
            string(out.endpoints, 0, out.peerCount * entry);
        }
        if (warning != null) {
            put(WARNING);
            string(warning, 0, warning.length);
        }
        buf[size++] = 'e';
    }

    private void dictionaryPeers(AddressOutcome out, boolean noPeerId) {
        buf[size++] = 'l';
        int entry = out.entryBytes();
        int addressLength = out.addressLength;
        for (int p = 0; p < out.peerCount; p++) {
            int at = p * entry;
            put(PEER_IP);
            if (addressLength == 4) {
                ipv4Text(out.endpoints, at);
            } else {
                ipv6Text(out.endpoints, at);
            }
            if (!noPeerId) {
                put(PEER_ID);
                System.arraycopy(out.peerIds, p * 20, buf, size, 20);
                size += 20;
            }
            put(PEER_PORT);
            number((out.endpoints[at + addressLength] & 0xFF) << 8 | out.endpoints[at + addressLength + 1] & 0xFF);
            put(END_TWICE);
        }
        buf[size++] = 'e';
    }

    /** {@code <length>:a.b.c.d}: the length is written once the text is. */
    private void ipv4Text(byte[] a, int at) {
        int lengthAt = size;
        size += 3;
        int start = size;
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                buf[size++] = '.';
            }
            number(a[at + i] & 0xFF);
        }
        finishLengthPrefix(lengthAt, start);
    }

    /** {@code <length>:x:x:x:x:x:x:x:x}, eight groups in lowercase hex without leading zeros (RFC 4291). */
    private void ipv6Text(byte[] a, int at) {
        int lengthAt = size;
        size += 3;
        int start = size;
        for (int g = 0; g < 8; g++) {
            if (g > 0) {
                buf[size++] = ':';
            }
            int group = (a[at + 2 * g] & 0xFF) << 8 | a[at + 2 * g + 1] & 0xFF;
            boolean started = false;
            for (int shift = 12; shift >= 0; shift -= 4) {
                int digit = group >> shift & 0xF;
                if (started || digit != 0 || shift == 0) {
                    buf[size++] = HEX[digit];
                    started = true;
                }
            }
        }
        finishLengthPrefix(lengthAt, start);
    }

    /** Writes {@code <length>:} into the 3 bytes reserved at {@code lengthAt}, closing a gap if it is shorter. */
    private void finishLengthPrefix(int lengthAt, int start) {
        int length = size - start;
        int digits = length < 10 ? 1 : 2;
        if (digits == 1) {
            System.arraycopy(buf, start, buf, start - 1, length);
            size--;
            buf[lengthAt] = (byte) ('0' + length);
            buf[lengthAt + 1] = ':';
        } else {
            buf[lengthAt] = (byte) ('0' + length / 10);
            buf[lengthAt + 1] = (byte) ('0' + length % 10);
            buf[lengthAt + 2] = ':';
        }
    }

    /** {@code d14:failure reason<n>:<reason>e}, the whole answer to a refused request. */
    public void failure(TrackerError error) {
        byte[] encoded = FAILURES[error.ordinal()];
        System.arraycopy(encoded, 0, buf, 0, encoded.length);
        size = encoded.length;
    }

    /** Opens {@code d5:filesd}; {@link #scrapeFile} for each hash in byte order, then {@link #endScrape}. */
    public void beginScrape() {
        size = 0;
        put(SCRAPE_OPEN);
    }

    /** {@code 20:<hash>d8:completei..e10:downloadedi..e10:incompletei..ee} for the hash at {@code offset}. */
    public void scrapeFile(byte[] hashes, int offset, ScrapeCounts counts) {
        string(hashes, offset, 20);
        put(FILE_COMPLETE);
        number(counts.complete);
        put(DOWNLOADED);
        number(counts.downloaded);
        put(INCOMPLETE);
        number(counts.incomplete);
        put(END_TWICE);
    }

    public void endScrape() {
        put(END_TWICE);
    }

    private void string(byte[] bytes, int offset, int length) {
        number(length);
        buf[size++] = ':';
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    private void put(byte[] constant) {
        System.arraycopy(constant, 0, buf, size, constant.length);
        size += constant.length;
    }

    /** A non-negative decimal, digit by digit. */
    private void number(long value) {
        if (value < 10) {
            buf[size++] = (byte) ('0' + value);
            return;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int at = size + digits;
        for (long v = value; v > 0; v /= 10) {
            buf[--at] = (byte) ('0' + v % 10);
        }
        size += digits;
    }

    private static byte[][] failures() {
        TrackerError[] errors = TrackerError.values();
        byte[][] encoded = new byte[errors.length][];
        for (TrackerError error : errors) {
            byte[] reason = error.reason().getBytes(StandardCharsets.UTF_8);
            byte[] head = ascii(new String(FAILURE, StandardCharsets.US_ASCII) + reason.length + ":");
            byte[] whole = Arrays.copyOf(head, head.length + reason.length + 1);
            System.arraycopy(reason, 0, whole, head.length, reason.length);
            whole[whole.length - 1] = 'e';
            encoded[error.ordinal()] = whole;
        }
        return encoded;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
