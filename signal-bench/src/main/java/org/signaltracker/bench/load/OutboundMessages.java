package org.signaltracker.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes the WebTorrent messages the simulated clients send into a {@link ClientFrame}, from byte
 * templates encoded once: only the ids, the torrent number and a few integers change per message, and
 * everything else, including each offer's and answer's SDP, is one array copy. Ids are 20 characters from
 * [A-Za-z0-9] and info hashes a letter and 19 digits, so nothing needs JSON escaping; ids copied from a
 * received message are copied as the raw bytes between their quotes, so they round-trip exactly.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class OutboundMessages {

    /** Info hashes of the announce and idle scenarios' torrents: 'T' and the torrent number. */
    static final byte TORRENT_PREFIX = 'T';
    /** Info hashes of the relay scenario's per-pair torrents: 'R' and the pair number. */
    static final byte PAIR_PREFIX = 'R';
    static final int ID_BYTES = 20;
    private static final int HASH_DIGITS = 19;
    private static final int OFFER_ID_PEER_BYTES = 8;
    private static final int OFFER_ID_SEQUENCE_DIGITS = 11;

    private static final byte[] ALPHABET = ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    private static final byte[] ANNOUNCE_OPEN = ascii("{\"action\":\"announce\",\"info_hash\":\"");
    private static final byte[] PEER_ID = ascii("\",\"peer_id\":\"");
    private static final byte[] TO_PEER_ID = ascii("\",\"to_peer_id\":\"");
    private static final byte[] OFFER_ID = ascii("\",\"offer_id\":\"");
    private static final byte[] EVENT_STARTED = ascii("\",\"event\":\"started\"");
    private static final byte[] EVENT_COMPLETED = ascii("\",\"event\":\"completed\"");
    private static final byte[] NO_EVENT = ascii("\"");
    private static final byte[] LEFT = ascii(",\"left\":");
    private static final byte[] NUMWANT = ascii(",\"uploaded\":0,\"downloaded\":0,\"numwant\":");
    private static final byte[] OFFERS_OPEN = ascii(",\"offers\":[");
    private static final byte[] OFFER_CLOSE = ascii("\"}");

    /** The announce's event field. */
    enum Event { STARTED, COMPLETED, NONE }

    /** {@code {"offer":{"type":"offer","sdp":"SDP"},"offer_id":"}: all of an offer but its id. */
    private final byte[] offerHead;
    /** {@code ","answer":{"type":"answer","sdp":"SDP"}}}: all of an answer after its offer_id. */
    private final byte[] answerTail;

    OutboundMessages(int sdpBytes) {
        String sdp = sdp(sdpBytes);
        offerHead = ascii("{\"offer\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"},\"offer_id\":\"");
        answerTail = ascii("\",\"answer\":{\"type\":\"answer\",\"sdp\":\"" + sdp + "\"}}");
    }

    /**
     * SDP text of {@code sdpBytes} bytes as it stands in the JSON. It starts like a real SDP (its escaped
     * CRLF is 4 JSON bytes) when there is room for the whole escape, so the text is never cut inside one.
     */
    private static String sdp(int sdpBytes) {
        String start = "v=0\\r\\n";
        StringBuilder text = new StringBuilder(sdpBytes).append(sdpBytes >= start.length() ? start : "");
        while (text.length() < sdpBytes) {
            text.append('a');
        }
        return text.toString();
    }

    static byte[] randomId(SplittableRandom random) {
        byte[] id = new byte[ID_BYTES];
        for (int i = 0; i < ID_BYTES; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return id;
    }

    /** A 20-byte info hash: {@code prefix} and {@code number} as 19 digits. */
    static void writeTorrentHash(ClientFrame f, byte prefix, long number) {
        f.put(prefix).putDigits(number, HASH_DIGITS);
    }

    /**
     * An announce into torrent {@code prefix}/{@code torrent} with {@code offers} offers ({@code numwant}
     * is the same). Offer ids are the first 8 bytes of the peer id, {@code sequence} in 11 digits and the
     * offer's index: unique per announce, as a browser's random ones are.
     */
    void announce(ClientFrame f, byte prefix, long torrent, byte[] peerId, Event event, int left, int offers,
            long sequence) {
        f.begin().put(ANNOUNCE_OPEN);
        writeTorrentHash(f, prefix, torrent);
        f.put(PEER_ID).put(peerId).put(switch (event) {
            case STARTED -> EVENT_STARTED;
            case COMPLETED -> EVENT_COMPLETED;
            case NONE -> NO_EVENT;
        });
        f.put(LEFT).putNumber(left).put(NUMWANT).putNumber(offers);
        if (offers > 0) {
            f.put(OFFERS_OPEN);
            for (int i = 0; i < offers; i++) {
                if (i > 0) {
                    f.put((byte) ',');
                }
                f.put(offerHead).put(peerId, 0, OFFER_ID_PEER_BYTES).putDigits(sequence, OFFER_ID_SEQUENCE_DIGITS)
                        .putNumber(i).put(OFFER_CLOSE);
            }
            f.put((byte) ']');
        }
        f.put((byte) '}');
    }

    /** The answer to the relayed offer {@code offer}, from {@code peerId}, echoing its ids byte for byte. */
    void answer(ClientFrame f, ReceivedMessage offer, byte[] peerId) {
        byte[] in = offer.bytes();
        f.begin().put(ANNOUNCE_OPEN).put(in, offer.infoHashStart(), offer.infoHashLength())
                .put(PEER_ID).put(peerId)
                .put(TO_PEER_ID).put(in, offer.peerIdStart(), offer.peerIdLength())
                .put(OFFER_ID).put(in, offer.offerIdStart(), offer.offerIdLength())
                .put(answerTail);
    }

    /** Whether {@code m} has the three ids an answer needs. */
    static boolean answerable(ReceivedMessage m) {
        return m.infoHashStart() >= 0 && m.peerIdStart() >= 0 && m.offerIdStart() >= 0;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
