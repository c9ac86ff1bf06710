package org.signaltracker.core.protocol.http;

import java.nio.charset.StandardCharsets;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.text.AsciiHex;
import org.signaltracker.core.tracker.AnnounceEvent;

/**
 * Decodes the query string of an HTTP announce or scrape, given as the bytes after the {@code ?}. Values are
 * percent-decoded byte by byte: upper- and lowercase hex digits, any other byte taken literally, and
 * {@code +} kept as a plus (form encoding's space does not apply to binary values). Keys are compared as
 * they are sent; unknown ones ({@code key}, {@code supportcrypto}, {@code trackerid}, a passkey, ...) are
 * skipped without being decoded, so aria2's binary {@code key} costs nothing. A parameter named twice keeps
 * its last value, except {@code info_hash}: an announce names one, a scrape any number.
 *
 * <p>Stateless and allocation-free, so thread-safe; the queries it fills are not (one of each per loop).
 */
public final class QueryDecoder {

    private static final byte[] INFO_HASH = ascii("info_hash");
    private static final byte[] PEER_ID = ascii("peer_id");
    private static final byte[] PORT = ascii("port");
    private static final byte[] UPLOADED = ascii("uploaded");
    private static final byte[] DOWNLOADED = ascii("downloaded");
    private static final byte[] LEFT = ascii("left");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] COMPACT = ascii("compact");
    private static final byte[] NO_PEER_ID = ascii("no_peer_id");
    private static final byte[] NUMWANT = ascii("numwant");
    private static final byte[] IP = ascii("ip");

    private static final byte[] STARTED = ascii("started");
    private static final byte[] COMPLETED = ascii("completed");
    private static final byte[] STOPPED = ascii("stopped");
    private static final byte[] PAUSED = ascii("paused");
    private static final byte[] UPDATE = ascii("update");
    private static final byte[] EMPTY = ascii("empty");

    /** A number too long or malformed; {@link #number} returns it so that callers need no second value. */
    private static final long NOT_A_NUMBER = Long.MIN_VALUE;
    /** What {@link #percentDecode} returns for a % without two hex digits after it. */
    private static final int BAD_ESCAPE = -1;

    /**
     * Decodes an announce into {@code out} (reset first); its address is left for the caller to set.
     *
     * @return null, or why the announce is refused
     */
    public TrackerError announce(byte[] q, int offset, int length, AnnounceQuery out) {
        out.reset();
        boolean infoHash = false;
        boolean peerId = false;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int keyEnd = keyEnd(q, i, end);
            int valueStart = keyEnd < end && q[keyEnd] == '=' ? keyEnd + 1 : keyEnd;
            int valueEnd = valueEnd(q, valueStart, end);
            int keyLength = keyEnd - i;
            if (is(q, i, keyLength, INFO_HASH)) {
                if (infoHash) {
                    return TrackerError.DUPLICATE_INFO_HASH;
                }
                int n = percentDecode(q, valueStart, valueEnd, out.announce.infoHash, 0, 20);
                if (n != 20) {
                    return n == BAD_ESCAPE ? TrackerError.BAD_PERCENT_ENCODING : TrackerError.BAD_QUERY_INFO_HASH;
                }
                infoHash = true;
            } else if (is(q, i, keyLength, PEER_ID)) {
                int n = percentDecode(q, valueStart, valueEnd, out.announce.peerId, 0, 20);
                if (n != 20) {
                    return n == BAD_ESCAPE ? TrackerError.BAD_PERCENT_ENCODING : TrackerError.BAD_QUERY_PEER_ID;
                }
                peerId = true;
            } else if (is(q, i, keyLength, PORT)) {
                long port = number(q, valueStart, valueEnd, false);
                if (port < 1 || port > 65535) {
                    return TrackerError.BAD_PORT;
                }
                out.announce.port = (int) port;
            } else if (is(q, i, keyLength, LEFT)) {
                long left = number(q, valueStart, valueEnd, false);
                if (left == NOT_A_NUMBER) {
                    return TrackerError.BAD_QUERY_NUMBER;
                }
                out.announce.left = left;
            } else if (is(q, i, keyLength, UPLOADED) || is(q, i, keyLength, DOWNLOADED)) {
                long bytes = number(q, valueStart, valueEnd, false);
                if (bytes == NOT_A_NUMBER) {
                    return TrackerError.BAD_QUERY_NUMBER;
                }
                if (keyLength == UPLOADED.length) {
                    out.announce.uploaded = bytes;
                } else {
                    out.announce.downloaded = bytes;
                }
            } else if (is(q, i, keyLength, NUMWANT)) {
                long wanted = number(q, valueStart, valueEnd, true);
                if (wanted == NOT_A_NUMBER) {
                    return TrackerError.BAD_QUERY_NUMBER;
                }
                out.requestedNumWant = (int) Math.max(-1, Math.min(wanted, Integer.MAX_VALUE));
            } else if (is(q, i, keyLength, EVENT)) {
                AnnounceEvent event = event(q, valueStart, valueEnd - valueStart);
                if (event == null) {
                    return TrackerError.BAD_EVENT;
                }
                out.announce.event = event;
            } else if (is(q, i, keyLength, COMPACT)) {
                out.compact = !(valueEnd - valueStart == 1 && q[valueStart] == '0');
            } else if (is(q, i, keyLength, NO_PEER_ID)) {
                out.noPeerId = valueEnd - valueStart == 1 && q[valueStart] == '1';
            } else if (is(q, i, keyLength, IP)) {
                int n = percentDecode(q, valueStart, valueEnd, out.ipText, 0, AnnounceQuery.MAX_IP_TEXT);
                out.ipLength = n < 0 || n > AnnounceQuery.MAX_IP_TEXT ? 0 : n;
            }
            i = valueEnd + 1;
        }
        if (!infoHash) {
            return TrackerError.MISSING_INFO_HASH;
        }
        if (!peerId) {
            return TrackerError.BAD_QUERY_PEER_ID;
        }
        if (out.announce.port == 0) {
            return TrackerError.BAD_PORT;
        }
        return null;
    }

    /**
     * Decodes a scrape's {@code info_hash} parameters into {@code out}, sorted and without repeats.
     *
     * @return null, or why the scrape is refused: a bad hash, more than {@code out}'s capacity, or none (a full
     *         scrape, which this tracker does not serve)
     */
    public TrackerError scrape(byte[] q, int offset, int length, ScrapeQuery out) {
        out.reset();
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int keyEnd = keyEnd(q, i, end);
            int valueStart = keyEnd < end && q[keyEnd] == '=' ? keyEnd + 1 : keyEnd;
            int valueEnd = valueEnd(q, valueStart, end);
            if (is(q, i, keyEnd - i, INFO_HASH)) {
                if (out.count() == out.capacity()) {
                    return TrackerError.TOO_MANY_SCRAPE_HASHES;
                }
                int n = percentDecode(q, valueStart, valueEnd, out.hashes(), out.nextOffset(), 20);
                if (n != 20) {
                    return n == BAD_ESCAPE ? TrackerError.BAD_PERCENT_ENCODING : TrackerError.BAD_QUERY_INFO_HASH;
                }
                out.added();
            }
            i = valueEnd + 1;
        }
        if (out.count() == 0) {
            return TrackerError.FULL_SCRAPE_REFUSED;
        }
        out.sortDistinct();
        return null;
    }

    /** Where the parameter name starting at {@code from} ends: at its {@code =}, its {@code &} or the end. */
    private static int keyEnd(byte[] q, int from, int end) {
        int i = from;
        while (i < end && q[i] != '=' && q[i] != '&') {
            i++;
        }
        return i;
    }

    /** Where the value starting at {@code from} ends: at the next {@code &} or the end. */
    private static int valueEnd(byte[] q, int from, int end) {
        int i = from;
        while (i < end && q[i] != '&') {
            i++;
        }
        return i;
    }

    /**
     * Percent-decodes {@code src[from, to)} into {@code dst} from {@code dstOffset}, writing at most
     * {@code max} bytes.
     *
     * @return the decoded length; {@code max + 1} when the value is longer (nothing past {@code max} is
     *         written); {@link #BAD_ESCAPE} for a {@code %} without two hex digits
     */
    static int percentDecode(byte[] src, int from, int to, byte[] dst, int dstOffset, int max) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int b = src[i];
            if (b == '%') {
                int high = i + 2 < to ? AsciiHex.digit(src[i + 1]) : -1;
                int low = high >= 0 ? AsciiHex.digit(src[i + 2]) : -1;
                if (low < 0) {
                    return BAD_ESCAPE;
                }
                b = high << 4 | low;
                i += 2;
            }
            if (n == max) {
                return max + 1;
            }
            dst[dstOffset + n++] = (byte) b;
        }
        return n;
    }

    /**
     * A decimal number of at most 18 digits (a value past that is saturated to {@link Long#MAX_VALUE}: byte
     * counts that large are not real), optionally negative; {@link #NOT_A_NUMBER} for anything else.
     */
    static long number(byte[] q, int from, int to, boolean signed) {
        boolean negative = signed && from < to && q[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (; i < to; i++) {
            int d = q[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_NUMBER;
            }
            value = value < 100_000_000_000_000_000L ? value * 10 + d : Long.MAX_VALUE;
        }
        return negative ? -value : value;
    }

    private static AnnounceEvent event(byte[] q, int from, int length) {
        if (length == 0 || is(q, from, length, EMPTY) || is(q, from, length, UPDATE)) {
            return AnnounceEvent.UPDATE;
        }
        if (is(q, from, length, STARTED)) {
            return AnnounceEvent.STARTED;
        }
        if (is(q, from, length, COMPLETED)) {
            return AnnounceEvent.COMPLETED;
        }
        if (is(q, from, length, STOPPED)) {
            return AnnounceEvent.STOPPED;
        }
        return is(q, from, length, PAUSED) ? AnnounceEvent.PAUSED : null;
    }

    private static boolean is(byte[] q, int from, int length, byte[] word) {
        if (length != word.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (q[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
