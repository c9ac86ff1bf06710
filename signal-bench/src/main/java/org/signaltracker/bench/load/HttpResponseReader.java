package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.x tracker answer as it arrives: status line, headers, and a body delimited by
 * Content-Length or, without one, by the server closing. Then tells what the bencoded body is: an
 * announce reply (and how many compact peers it holds), a scrape reply, or a {@code failure reason}.
 * Answers are small (a few hundred bytes at numwant 50); one larger than {@link #MAX_BYTES} is malformed
 * here. Reused across answers; confined to one event loop.
 */
final class HttpResponseReader {

    static final int MAX_BYTES = 16 * 1024;
    private static final byte[] HEADERS_END = ascii("\r\n\r\n");
    private static final byte[] CONTENT_LENGTH = ascii("\r\ncontent-length:");
    private static final byte[] CONNECTION_CLOSE = ascii("\r\nconnection: close");
    private static final byte[] FAILURE = ascii("14:failure reason");
    private static final byte[] INTERVAL = ascii("8:intervali");
    private static final byte[] FILES = ascii("5:files");
    private static final byte[] PEERS = ascii("5:peers");

    enum State { MORE, DONE, BAD }

    /** What a complete answer was. */
    enum Body { ANNOUNCE, SCRAPE, FAILURE, OTHER }

    private final byte[] data = new byte[MAX_BYTES];
    private int length;
    private int bodyStart;
    private int contentLength;
    private int status;
    private boolean closes;

    void reset() {
        length = 0;
        bodyStart = -1;
        contentLength = -1;
        status = 0;
        closes = false;
    }

    /** Whether nothing of an answer has arrived yet. */
    boolean empty() {
        return length == 0;
    }

    /** Takes the bytes of {@code in} (without releasing it). */
    State read(ByteBuf in) {
        int n = in.readableBytes();
        if (length + n > data.length) {
            return State.BAD;
        }
        in.getBytes(in.readerIndex(), data, length, n);
        length += n;
        if (bodyStart < 0) {
            int end = indexOf(data, 0, length, HEADERS_END, false);
            if (end < 0) {
                return State.MORE;
            }
            bodyStart = end + HEADERS_END.length;
            if (!headers()) {
                return State.BAD;
            }
        }
        if (contentLength >= 0) {
            int have = length - bodyStart;
            if (have > contentLength) {
                return State.BAD; // more than one answer: this generator never pipelines
            }
            return have == contentLength ? State.DONE : State.MORE;
        }
        return State.MORE;
    }

    /** The server closed: a body without Content-Length ends here; anything else incomplete is bad. */
    State closed() {
        return bodyStart >= 0 && contentLength < 0 ? State.DONE : State.BAD;
    }

    private boolean headers() {
        // "HTTP/1.x 200 ..."
        if (bodyStart < 12 || data[0] != 'H' || data[1] != 'T' || data[2] != 'T' || data[3] != 'P' || data[8] != ' ') {
            return false;
        }
        status = (data[9] - '0') * 100 + (data[10] - '0') * 10 + (data[11] - '0');
        int at = indexOf(data, 0, bodyStart, CONTENT_LENGTH, true);
        if (at >= 0) {
            int i = at + CONTENT_LENGTH.length;
            while (i < bodyStart && data[i] == ' ') {
                i++;
            }
            long value = 0;
            int digits = 0;
            while (i < bodyStart && data[i] >= '0' && data[i] <= '9' && digits < 9) {
                value = value * 10 + data[i++] - '0';
                digits++;
            }
            if (digits == 0) {
                return false;
            }
            contentLength = (int) value;
        }
        boolean http10 = data[7] == '0';
        closes = http10 || indexOf(data, 0, bodyStart, CONNECTION_CLOSE, true) >= 0;
        return true;
    }

    int status() {
        return status;
    }

    /** Whether the server said it closes after this answer (HTTP/1.0, or Connection: close). */
    boolean serverCloses() {
        return closes;
    }

    Body body() {
        if (bodyStart < 0 || length <= bodyStart || data[bodyStart] != 'd') {
            return Body.OTHER;
        }
        if (indexOf(data, bodyStart, length, FAILURE, false) >= 0) {
            return Body.FAILURE;
        }
        if (indexOf(data, bodyStart, length, INTERVAL, false) >= 0) {
            return Body.ANNOUNCE;
        }
        return indexOf(data, bodyStart, length, FILES, false) >= 0 ? Body.SCRAPE : Body.OTHER;
    }

    /** Compact IPv4 peers in an announce body (the {@code peers} string's length / 6), or 0. */
    int peers() {
        int at = indexOf(data, bodyStart, length, PEERS, false);
        if (at < 0) {
            return 0;
        }
        int i = at + PEERS.length;
        int value = 0;
        while (i < length && data[i] >= '0' && data[i] <= '9') {
            value = value * 10 + data[i++] - '0';
        }
        return i < length && data[i] == ':' ? value / 6 : 0;
    }

    /** First index of {@code needle} in {@code hay[from, to)}, ASCII case-insensitive if asked; or -1. */
    static int indexOf(byte[] hay, int from, int to, byte[] needle, boolean ignoreCase) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                byte b = hay[i + j];
                if (ignoreCase && b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
