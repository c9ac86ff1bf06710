package org.signaltracker.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * Writes BEP 15 requests (big-endian, IPv4 layout) into a reused buffer, and reads the fixed fields of
 * replies. Stateless; nothing is allocated.
 */
final class UdpRequests {

    /** The connect request's protocol id, 0x41727101980. */
    static final long PROTOCOL_ID = 0x41727101980L;
    static final int ACTION_CONNECT = 0;
    static final int ACTION_ANNOUNCE = 1;
    static final int ACTION_SCRAPE = 2;
    static final int ACTION_ERROR = 3;
    static final int CONNECT_LENGTH = 16;
    static final int ANNOUNCE_LENGTH = 98;
    /** Largest request written: a scrape of 74 hashes (BEP 15's "about 74"). */
    static final int MAX_REQUEST_LENGTH = 16 + 20 * 74;

    private UdpRequests() {
    }

    static void connect(ByteBuf out, int transactionId) {
        out.clear();
        out.writeLong(PROTOCOL_ID).writeInt(ACTION_CONNECT).writeInt(transactionId);
    }

    /** An announce of {@code peer}'s current {@code announce*} values (see {@link ClassicPeer#nextAnnounce}). */
    static void announce(ByteBuf out, long connectionId, int transactionId, ClassicPeer peer, byte[] hashes) {
        out.clear();
        out.writeLong(connectionId).writeInt(ACTION_ANNOUNCE).writeInt(transactionId)
                .writeBytes(hashes, peer.announceTorrent * 20, 20)
                .writeBytes(peer.peerId)
                .writeLong(peer.announceLeft == 0 ? ClassicPeer.LEECHER_LEFT : 0) // downloaded
                .writeLong(peer.announceLeft)
                .writeLong(0) // uploaded
                .writeInt(peer.announceEvent.udp)
                .writeInt(0) // ip: the source address
                .writeInt(peer.key)
                .writeInt(peer.announceNumWant)
                .writeShort(peer.port);
    }

    /** A scrape of {@code count} torrents drawn by {@code peer}. */
    static void scrape(ByteBuf out, long connectionId, int transactionId, ClassicPeer peer, int count, byte[] hashes) {
        out.clear();
        out.writeLong(connectionId).writeInt(ACTION_SCRAPE).writeInt(transactionId);
        for (int i = 0; i < count; i++) {
            out.writeBytes(hashes, peer.scrapeTorrent() * 20, 20);
        }
    }
}
