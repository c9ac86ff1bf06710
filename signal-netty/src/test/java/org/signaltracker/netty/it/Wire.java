package org.signaltracker.netty.it;

/** Builds WebTorrent messages for the integration tests. Ids are 20 ASCII characters. */
final class Wire {

    private Wire() {
    }

    static String id(String name) {
        StringBuilder sb = new StringBuilder(name);
        while (sb.length() < 20) {
            sb.append('-');
        }
        return sb.substring(0, 20);
    }

    static String announce(String hash, String peer, String event, long left) {
        return "{\"action\":\"announce\",\"info_hash\":\"" + id(hash) + "\",\"peer_id\":\"" + id(peer) + "\""
                + (event == null ? "" : ",\"event\":\"" + event + "\"") + ",\"left\":" + left + ",\"numwant\":5}";
    }

    static String announceWithOffer(String hash, String peer, String event, String offerId, String sdp) {
        return "{\"action\":\"announce\",\"info_hash\":\"" + id(hash) + "\",\"peer_id\":\"" + id(peer) + "\""
                + (event == null ? "" : ",\"event\":\"" + event + "\"") + ",\"left\":100,\"numwant\":5,\"offers\":["
                + "{\"offer\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"},\"offer_id\":\"" + id(offerId) + "\"}]}";
    }

    static String answer(String hash, String peer, String toPeer, String offerId, String sdp) {
        return "{\"action\":\"announce\",\"info_hash\":\"" + id(hash) + "\",\"peer_id\":\"" + id(peer)
                + "\",\"to_peer_id\":\"" + id(toPeer) + "\",\"offer_id\":\"" + id(offerId)
                + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"" + sdp + "\"}}";
    }

    static String scrape(String... hashes) {
        StringBuilder sb = new StringBuilder("{\"action\":\"scrape\",\"info_hash\":[");
        for (int i = 0; i < hashes.length; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(id(hashes[i])).append('"');
        }
        return sb.append("]}").toString();
    }
}
