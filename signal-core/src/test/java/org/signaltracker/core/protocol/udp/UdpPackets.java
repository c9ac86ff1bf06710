package org.signaltracker.core.protocol.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** BEP 15 requests as a client writes them, and readers for the replies; for tests. */
final class UdpPackets {

    static final long PROTOCOL_ID = 0x41727101980L;

    private UdpPackets() {
    }

    static byte[] connect(int transactionId) {
        return ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(transactionId).array();
    }

    /** A 98-byte announce followed by {@code options} (BEP 41). */
    static byte[] announce(long connectionId, int transactionId, byte[] infoHash, byte[] peerId, int event,
            long left, int numWant, int port, byte... options) {
        return ByteBuffer.allocate(98 + options.length).putLong(connectionId).putInt(1).putInt(transactionId)
                .put(infoHash).put(peerId).putLong(0).putLong(left).putLong(0).putInt(event).putInt(0)
                .putInt(0x1234).putInt(numWant).putShort((short) port).put(options).array();
    }

    static byte[] scrape(long connectionId, int transactionId, byte[]... infoHashes) {
        ByteBuffer b = ByteBuffer.allocate(16 + 20 * infoHashes.length).putLong(connectionId).putInt(2)
                .putInt(transactionId);
        for (byte[] hash : infoHashes) {
            b.put(hash);
        }
        return b.array();
    }

    static byte[] id(String text) {
        byte[] id = new byte[20];
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, id, 0, Math.min(20, bytes.length));
        return id;
    }

    static byte[][] hashes(int count) {
        byte[][] hashes = new byte[count][];
        for (int i = 0; i < count; i++) {
            hashes[i] = id("hash-" + i);
        }
        return hashes;
    }

    static int readInt(byte[] b, int offset) {
        return ByteBuffer.wrap(b, offset, 4).getInt();
    }

    static long readLong(byte[] b, int offset) {
        return ByteBuffer.wrap(b, offset, 8).getLong();
    }

    /** The text of an error reply of {@code length} bytes. */
    static String errorText(byte[] reply, int length) {
        return new String(reply, 8, length - 8, StandardCharsets.US_ASCII);
    }
}
