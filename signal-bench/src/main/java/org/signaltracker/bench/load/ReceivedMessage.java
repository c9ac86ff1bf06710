package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One message a simulated client received, read as bytes: its kind, the byte ranges of the string fields
 * the scenarios react to ({@code info_hash}, {@code peer_id}, {@code offer_id}; on {@code /ws} the
 * signaling {@code type} and {@code fromPeerId}) and the {@code complete} count. Only top-level keys count, so an SDP that happens to contain {@code "offer":} cannot change the
 * kind; key order does not matter, so bittorrent-tracker's messages read the same as ours.
 *
 * <p>Why a copy: the message's bytes are copied once into a reused array and scanned there, which is
 * cheaper than per-byte {@link ByteBuf#getByte} calls (each checks bounds and reference count) and
 * leaves ranges that stay valid after the frame is released. No String is built per message.
 *
 * <p>Not thread-safe: one per event loop (see {@link LoopBuffers}); valid until the next {@link #read}.
 */
final class ReceivedMessage {

    /** The kinds of message a client tells apart. */
    enum Kind {
        RESPONSE, OFFER, ANSWER, SCRAPE,
        /** A WebTorrent {@code failure reason}, or a signaling {@code ERROR} or {@code AUTH_ERROR}. */
        FAILURE,
        /** Signaling: {@code AUTH_SUCCESS}. */
        AUTHENTICATED,
        /** Signaling: a relayed {@code ICE_CANDIDATE}, {@code SDP_OFFER} or {@code SDP_ANSWER}. */
        RELAYED,
        /** Signaling: {@code ROOM_MEMBERS}, the reply to a join. */
        ROOM_MEMBERS,
        /** Signaling: {@code NEW_PEER_IN_ROOM} or {@code PEER_LEFT_ROOM}. */
        ROOM_EVENT,
        OTHER
    }

    /** Nested objects deeper than this are not WebTorrent messages; the scan gives up (kind OTHER). */
    private static final int MAX_DEPTH = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final byte[] FAILURE_REASON = ascii("failure reason");
    private static final byte[] OFFER = ascii("offer");
    private static final byte[] ANSWER = ascii("answer");
    private static final byte[] INTERVAL = ascii("interval");
    private static final byte[] FILES = ascii("files");
    private static final byte[] INFO_HASH = ascii("info_hash");
    private static final byte[] PEER_ID = ascii("peer_id");
    private static final byte[] OFFER_ID = ascii("offer_id");
    private static final byte[] COMPLETE = ascii("complete");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] FROM_PEER_ID = ascii("fromPeerId");
    private static final byte[] ERROR = ascii("ERROR");
    private static final byte[] AUTH_ERROR = ascii("AUTH_ERROR");
    private static final byte[] AUTH_SUCCESS = ascii("AUTH_SUCCESS");
    private static final byte[] ICE_CANDIDATE = ascii("ICE_CANDIDATE");
    private static final byte[] SDP_OFFER = ascii("SDP_OFFER");
    private static final byte[] SDP_ANSWER = ascii("SDP_ANSWER");
    private static final byte[] ROOM_MEMBERS_TYPE = ascii("ROOM_MEMBERS");
    private static final byte[] NEW_PEER_IN_ROOM = ascii("NEW_PEER_IN_ROOM");
    private static final byte[] PEER_LEFT_ROOM = ascii("PEER_LEFT_ROOM");

    private byte[] bytes = new byte[4096];
    private int length;

    private Kind kind = Kind.OTHER;
    private boolean failure;
    private boolean offer;
    private boolean answer;
    private boolean interval;
    private boolean files;
    private int infoHashStart;
    private int infoHashEnd;
    private int peerIdStart;
    private int peerIdEnd;
    private int offerIdStart;
    private int offerIdEnd;
    private int typeStart;
    private int typeEnd;
    private int fromPeerIdStart;
    private int fromPeerIdEnd;
    private long complete;

    /** Copies the readable bytes of {@code buf} (not consumed) and scans them. */
    ReceivedMessage read(ByteBuf buf) {
        int n = buf.readableBytes();
        ensureCapacity(n);
        buf.getBytes(buf.readerIndex(), bytes, 0, n);
        length = n;
        scan();
        return this;
    }

    /** Copies {@code len} bytes of {@code src} from {@code offset} and scans them. */
    ReceivedMessage read(byte[] src, int offset, int len) {
        ensureCapacity(len);
        System.arraycopy(src, offset, bytes, 0, len);
        length = len;
        scan();
        return this;
    }

    Kind kind() {
        return kind;
    }

    /** The scanned bytes; ranges below index into this array. */
    byte[] bytes() {
        return bytes;
    }

    /** Start of the info_hash string's content (between its quotes), or -1 when there is none. */
    int infoHashStart() {
        return infoHashStart;
    }

    int infoHashLength() {
        return infoHashEnd - infoHashStart;
    }

    int peerIdStart() {
        return peerIdStart;
    }

    int peerIdLength() {
        return peerIdEnd - peerIdStart;
    }

    int offerIdStart() {
        return offerIdStart;
    }

    int offerIdLength() {
        return offerIdEnd - offerIdStart;
    }

    /** Start of the signaling {@code fromPeerId} string's content, or -1 when there is none. */
    int fromPeerIdStart() {
        return fromPeerIdStart;
    }

    int fromPeerIdLength() {
        return fromPeerIdEnd - fromPeerIdStart;
    }

    /** Whether the {@code fromPeerId} string is exactly {@code name}'s bytes. */
    boolean fromPeerIdIs(byte[] name) {
        return fromPeerIdStart >= 0 && is(fromPeerIdStart, fromPeerIdEnd, name);
    }

    /** The top-level {@code complete} number, or -1 when absent or not a plain integer. */
    long complete() {
        return complete;
    }

    /**
     * The torrent number of an info hash this generator made ({@code prefix} then 19 digits, see
     * {@link OutboundMessages#writeTorrentHash}), or -1 for no info_hash or any other one.
     */
    long torrentNumber(byte prefix) {
        if (infoHashStart < 0 || infoHashEnd - infoHashStart != 20 || bytes[infoHashStart] != prefix) {
            return -1;
        }
        long value = 0;
        for (int i = infoHashStart + 1; i < infoHashEnd; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private void ensureCapacity(int n) {
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
    }

    private void scan() {
        failure = offer = answer = interval = files = false;
        infoHashStart = peerIdStart = offerIdStart = typeStart = fromPeerIdStart = -1;
        infoHashEnd = peerIdEnd = offerIdEnd = typeEnd = fromPeerIdEnd = -1;
        complete = -1;
        scanTopLevel();
        if (failure) {
            kind = Kind.FAILURE;
        } else if (typeStart >= 0) {
            kind = signalingKind();
        } else {
            kind = offer ? Kind.OFFER : answer ? Kind.ANSWER : interval ? Kind.RESPONSE : files ? Kind.SCRAPE
                    : Kind.OTHER;
        }
    }

    /** The kind a top-level signaling {@code type} names (WebTorrent messages have none at the top level). */
    private Kind signalingKind() {
        if (is(typeStart, typeEnd, ICE_CANDIDATE) || is(typeStart, typeEnd, SDP_OFFER)
                || is(typeStart, typeEnd, SDP_ANSWER)) {
            return Kind.RELAYED;
        }
        if (is(typeStart, typeEnd, ERROR) || is(typeStart, typeEnd, AUTH_ERROR)) {
            return Kind.FAILURE;
        }
        if (is(typeStart, typeEnd, AUTH_SUCCESS)) {
            return Kind.AUTHENTICATED;
        }
        if (is(typeStart, typeEnd, ROOM_MEMBERS_TYPE)) {
            return Kind.ROOM_MEMBERS;
        }
        if (is(typeStart, typeEnd, NEW_PEER_IN_ROOM) || is(typeStart, typeEnd, PEER_LEFT_ROOM)) {
            return Kind.ROOM_EVENT;
        }
        return Kind.OTHER;
    }

    /** Walks the top-level object's members; stops quietly at the first thing that is not JSON. */
    private void scanTopLevel() {
        int i = skipSpace(0);
        if (i >= length || bytes[i] != '{') {
            return;
        }
        i++;
        // Each round consumes at least one byte, so length bounds the loop.
        while (true) {
            i = skipSpace(i);
            if (i >= length || bytes[i] == '}') {
                return;
            }
            if (bytes[i] == ',') {
                i++;
                continue;
            }
            if (bytes[i] != '"') {
                return;
            }
            int keyStart = i + 1;
            int keyEnd = stringEnd(keyStart);
            if (keyEnd < 0) {
                return;
            }
            i = skipSpace(keyEnd + 1);
            if (i >= length || bytes[i] != ':') {
                return;
            }
            int valueStart = skipSpace(i + 1);
            int valueEnd = valueEnd(valueStart);
            if (valueEnd < 0) {
                return;
            }
            member(keyStart, keyEnd, valueStart, valueEnd);
            i = valueEnd;
        }
    }

    private void member(int keyStart, int keyEnd, int valueStart, int valueEnd) {
        boolean string = bytes[valueStart] == '"';
        if (is(keyStart, keyEnd, FAILURE_REASON)) {
            failure = true;
        } else if (is(keyStart, keyEnd, OFFER)) {
            offer = true;
        } else if (is(keyStart, keyEnd, ANSWER)) {
            answer = true;
        } else if (is(keyStart, keyEnd, INTERVAL)) {
            interval = true;
        } else if (is(keyStart, keyEnd, FILES)) {
            files = true;
        } else if (string && is(keyStart, keyEnd, INFO_HASH)) {
            infoHashStart = valueStart + 1;
            infoHashEnd = valueEnd - 1;
        } else if (string && is(keyStart, keyEnd, PEER_ID)) {
            peerIdStart = valueStart + 1;
            peerIdEnd = valueEnd - 1;
        } else if (string && is(keyStart, keyEnd, OFFER_ID)) {
            offerIdStart = valueStart + 1;
            offerIdEnd = valueEnd - 1;
        } else if (string && is(keyStart, keyEnd, TYPE)) {
            typeStart = valueStart + 1;
            typeEnd = valueEnd - 1;
        } else if (string && is(keyStart, keyEnd, FROM_PEER_ID)) {
            fromPeerIdStart = valueStart + 1;
            fromPeerIdEnd = valueEnd - 1;
        } else if (is(keyStart, keyEnd, COMPLETE)) {
            complete = integer(valueStart, valueEnd);
        }
    }

    private boolean is(int start, int end, byte[] key) {
        if (end - start != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (bytes[start + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private long integer(int start, int end) {
        if (start >= end || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private int skipSpace(int i) {
        while (i < length && isSpace(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /**
     * Index of the quote closing a string whose content starts at {@code i}, or -1. Most of a message is the
     * SDP inside one string, so runs of eight bytes without a quote or a backslash are skipped at once.
     */
    private int stringEnd(int i) {
        while (i < length) {
            while (i + Long.BYTES <= length && !quoteOrBackslash((long) LONGS.get(bytes, i))) {
                i += Long.BYTES;
            }
            if (i >= length) {
                break;
            }
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            i += b == '\\' ? 2 : 1;
        }
        return -1;
    }

    /** Whether any byte of {@code word} is '"' or '\\' (the classic has-zero-byte test on word ^ pattern). */
    private static boolean quoteOrBackslash(long word) {
        long quotes = word ^ 0x2222222222222222L;
        long backslashes = word ^ 0x5C5C5C5C5C5C5C5CL;
        long zeroInQuotes = (quotes - 0x0101010101010101L) & ~quotes;
        long zeroInBackslashes = (backslashes - 0x0101010101010101L) & ~backslashes;
        return ((zeroInQuotes | zeroInBackslashes) & 0x8080808080808080L) != 0;
    }

    /** Index just past the value starting at {@code i} (string, object, array or scalar), or -1. */
    private int valueEnd(int i) {
        if (i >= length) {
            return -1;
        }
        byte first = bytes[i];
        if (first == '"') {
            int end = stringEnd(i + 1);
            return end < 0 ? -1 : end + 1;
        }
        if (first == '{' || first == '[') {
            return containerEnd(i);
        }
        while (i < length && bytes[i] != ',' && bytes[i] != '}' && bytes[i] != ']' && !isSpace(bytes[i])) {
            i++;
        }
        return i;
    }

    /** Index just past the object or array opening at {@code i}, skipping nested strings whole, or -1. */
    private int containerEnd(int i) {
        int depth = 0;
        while (i < length) {
            byte b = bytes[i];
            if (b == '"') {
                int end = stringEnd(i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end + 1;
                continue;
            }
            if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    return -1;
                }
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
