package org.signaltracker.core.protocol.udp;

import java.nio.charset.StandardCharsets;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.AddressOutcome;
import org.signaltracker.core.tracker.ScrapeCounts;

/**
 * Writes BEP 15 replies into a caller's byte array and returns their length. The peers of an announce are
 * copied as they are: the core already holds them in the compact form (6 bytes per IPv4 peer, 18 per IPv6
 * peer) that UDP sends, so no object is touched per peer. Error texts are encoded once, here.
 * Stateless.
 */
final class UdpReplies {

    private static final byte[][] ERROR_TEXT = new byte[TrackerError.values().length][];

    static {
        for (TrackerError error : TrackerError.values()) {
            ERROR_TEXT[error.ordinal()] = error.reason().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private UdpReplies() {
    }

    static int connect(byte[] out, int transactionId, long connectionId) {
        UdpWire.writeInt(out, 0, UdpWire.CONNECT);
        UdpWire.writeInt(out, 4, transactionId);
        UdpWire.writeLong(out, 8, connectionId);
        return UdpWire.CONNECT_REPLY_BYTES;
    }

    /** At most {@code maxPeers} of the outcome's peers, in its family's stride (action 1 for both families). */
    static int announce(byte[] out, int transactionId, int intervalSeconds, AddressOutcome outcome, int maxPeers) {
        UdpWire.writeInt(out, 0, UdpWire.ANNOUNCE);
        UdpWire.writeInt(out, 4, transactionId);
        UdpWire.writeInt(out, 8, intervalSeconds);
        UdpWire.writeInt(out, 12, outcome.incomplete);
        UdpWire.writeInt(out, 16, outcome.complete);
        int bytes = Math.min(outcome.peerCount, maxPeers) * outcome.entryBytes();
        System.arraycopy(outcome.endpoints, 0, out, UdpWire.ANNOUNCE_REPLY_HEADER, bytes);
        return UdpWire.ANNOUNCE_REPLY_HEADER + bytes;
    }

    static void scrapeHeader(byte[] out, int transactionId) {
        UdpWire.writeInt(out, 0, UdpWire.SCRAPE);
        UdpWire.writeInt(out, 4, transactionId);
    }

    /** Entry {@code index}: seeders, completed, leechers (not HTTP's order); returns the length so far. */
    static int scrapeEntry(byte[] out, int index, ScrapeCounts counts) {
        int at = UdpWire.SCRAPE_REPLY_HEADER + index * UdpWire.SCRAPE_ENTRY_BYTES;
        UdpWire.writeInt(out, at, counts.complete);
        UdpWire.writeInt(out, at + 4, (int) Math.min(Integer.MAX_VALUE, counts.downloaded));
        UdpWire.writeInt(out, at + 8, counts.incomplete);
        return at + UdpWire.SCRAPE_ENTRY_BYTES;
    }

    /** Action 3: the transaction id, then the error's text to the end of the datagram. */
    static int error(byte[] out, int transactionId, TrackerError error) {
        byte[] text = ERROR_TEXT[error.ordinal()];
        UdpWire.writeInt(out, 0, UdpWire.ERROR);
        UdpWire.writeInt(out, 4, transactionId);
        System.arraycopy(text, 0, out, UdpWire.ERROR_REPLY_HEADER, text.length);
        return UdpWire.ERROR_REPLY_HEADER + text.length;
    }
}
