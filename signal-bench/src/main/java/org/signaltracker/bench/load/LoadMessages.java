package org.signaltracker.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Builds the WebTorrent messages the simulated clients send, and pulls the few fields they react to out
 * of what they receive. Ids are 20 characters from [A-Za-z0-9], so they need no JSON escaping and the
 * byte scans below stay simple. Stateless apart from the fixed SDP text.
 */
final class LoadMessages {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final String sdp;

    LoadMessages(int sdpBytes) {
        // Starts like a real SDP (its escaped CRLF is 4 JSON bytes) when there is room for the whole escape,
        // so that the text is never cut inside one; sdpBytes is the size in the JSON text.
        String start = "v=0\\r\\n";
        StringBuilder text = new StringBuilder(sdpBytes).append(sdpBytes >= start.length() ? start : "");
        while (text.length() < sdpBytes) {
            text.append('a');
        }
        this.sdp = text.toString();
    }

    static String randomId(SplittableRandom random) {
        char[] id = new char[20];
        for (int i = 0; i < 20; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    static String torrentHash(int index) {
        String digits = Integer.toString(index);
        return "T" + "0".repeat(19 - digits.length()) + digits;
    }

    /** An announce with {@code offers} offers whose ids are {@code offerIdPrefix} plus the offer number. */
    String announce(String infoHash, String peerId, String event, int left, int offers, String offerIdPrefix) {
        StringBuilder out = new StringBuilder(128 + offers * (sdp.length() + 80));
        out.append("{\"action\":\"announce\",\"info_hash\":\"").append(infoHash).append("\",\"peer_id\":\"")
                .append(peerId).append('"');
        if (event != null) {
            out.append(",\"event\":\"").append(event).append('"');
        }
        out.append(",\"left\":").append(left).append(",\"uploaded\":0,\"downloaded\":0,\"numwant\":").append(offers);
        if (offers > 0) {
            out.append(",\"offers\":[");
            for (int i = 0; i < offers; i++) {
                String number = Integer.toString(i);
                out.append(i == 0 ? "" : ",").append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"").append(sdp)
                        .append("\"},\"offer_id\":\"").append(offerIdPrefix, 0, 20 - number.length()).append(number)
                        .append("\"}");
            }
            out.append(']');
        }
        return out.append('}').toString();
    }

    String answer(String infoHash, String peerId, String toPeerId, String offerId) {
        return "{\"action\":\"announce\",\"info_hash\":\"" + infoHash + "\",\"peer_id\":\"" + peerId
                + "\",\"to_peer_id\":\"" + toPeerId + "\",\"offer_id\":\"" + offerId
                + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"" + sdp + "\"}}";
    }

    /** The kinds of message a client tells apart. */
    enum Kind { RESPONSE, OFFER, ANSWER, SCRAPE, FAILURE, OTHER }

    static Kind kindOf(String message) {
        if (message.contains("\"failure reason\"")) {
            return Kind.FAILURE;
        }
        if (message.contains("\"offer\":")) {
            return Kind.OFFER;
        }
        if (message.contains("\"answer\":")) {
            return Kind.ANSWER;
        }
        if (message.contains("\"interval\"")) {
            return Kind.RESPONSE;
        }
        if (message.contains("\"files\"")) {
            return Kind.SCRAPE;
        }
        return Kind.OTHER;
    }

    /** The value of a string field, assuming no escapes (true for every id this generator creates). */
    static String field(String message, String name) {
        String key = "\"" + name + "\":\"";
        int start = message.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = message.indexOf('"', start);
        return end < 0 ? null : message.substring(start, end);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
