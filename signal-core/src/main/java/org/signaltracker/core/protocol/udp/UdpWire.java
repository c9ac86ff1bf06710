package org.signaltracker.core.protocol.udp;

/**
 * The fixed layout of BEP 15 packets: the protocol id, the action numbers, field offsets and sizes, and
 * big-endian reads and writes on byte arrays. Stateless.
 */
final class UdpWire {

    /** The magic constant a connect request starts with. */
    static final long PROTOCOL_ID = 0x41727101980L;

    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int SCRAPE = 2;
    static final int ERROR = 3;

    /** connection_id (or protocol_id), action, transaction_id: every request starts with these 16 bytes. */
    static final int HEADER_BYTES = 16;
    static final int ACTION_OFFSET = 8;
    static final int TRANSACTION_OFFSET = 12;
    /** An IPv4 announce without BEP 41 options; IPv6 clients send the same layout. */
    static final int ANNOUNCE_BYTES = 98;
    static final int HASH_BYTES = 20;
    /** BEP 15: "up to about 74 torrents can be scraped at once" in one datagram. */
    static final int MAX_SCRAPE_HASHES = 74;
    static final int CONNECT_REPLY_BYTES = 16;
    /** action, transaction_id, interval, leechers, seeders; peers follow. */
    static final int ANNOUNCE_REPLY_HEADER = 20;
    /** action, transaction_id; then seeders, completed, leechers for each hash. */
    static final int SCRAPE_REPLY_HEADER = 8;
    static final int SCRAPE_ENTRY_BYTES = 12;
    static final int ERROR_REPLY_HEADER = 8;
    /** Peers per announce reply, as opentracker: 20 + 200 · 6 = 1220 and 20 + 66 · 18 = 1208 bytes. */
    static final int MAX_PEERS_IPV4 = 200;
    static final int MAX_PEERS_IPV6 = 66;

    private UdpWire() {
    }

    static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8
                | b[offset + 3] & 0xFF;
    }

    static long readLong(byte[] b, int offset) {
        return (long) readInt(b, offset) << 32 | readInt(b, offset + 4) & 0xFFFF_FFFFL;
    }

    static int readUnsignedShort(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 8 | b[offset + 1] & 0xFF;
    }

    static void writeInt(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }

    static void writeLong(byte[] b, int offset, long value) {
        writeInt(b, offset, (int) (value >>> 32));
        writeInt(b, offset + 4, (int) value);
    }
}
