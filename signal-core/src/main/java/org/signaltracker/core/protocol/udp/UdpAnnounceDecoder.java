package org.signaltracker.core.protocol.udp;

import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.tracker.AnnounceEvent;
import org.signaltracker.core.tracker.AnnounceRequest;
import org.signaltracker.core.tracker.AddressAnnounce;

/**
 * Reads the 98 bytes of a BEP 15 announce into an {@link AddressAnnounce}. Everything after byte 98 is
 * ignored: that is where BEP 41 options go (EndOfOptions, NOP, URLData such as libtorrent's
 * {@code 02 15 "/announce?passkey=abc"}, unknown types), and no option carries anything this tracker
 * uses, so a malformed option tail cannot make an announce fail. The {@code ip} field (offset 84) is
 * ignored too: the peer's address is the datagram's source, so nobody can list a third party as a peer.
 * The {@code key} field (offset 88) is not used either. Stateless.
 */
final class UdpAnnounceDecoder {

    private static final int INFO_HASH = 16;
    private static final int PEER_ID = 36;
    private static final int DOWNLOADED = 56;
    private static final int LEFT = 64;
    private static final int UPLOADED = 72;
    private static final int EVENT = 80;
    private static final int NUM_WANT = 92;
    private static final int PORT = 96;

    private UdpAnnounceDecoder() {
    }

    /**
     * Fills every field of {@code into} but the address and the resolved numwant; null when the announce
     * is usable, else the error to answer.
     *
     * @return the error, or null
     */
    static TrackerError decode(byte[] packet, int length, AddressAnnounce into) {
        if (length < UdpWire.ANNOUNCE_BYTES) {
            return TrackerError.UDP_SHORT_ANNOUNCE;
        }
        AnnounceEvent event = event(UdpWire.readInt(packet, EVENT));
        if (event == null) {
            return TrackerError.UDP_BAD_EVENT;
        }
        int port = UdpWire.readUnsignedShort(packet, PORT);
        if (port == 0) {
            return TrackerError.UDP_PORT_ZERO;
        }
        System.arraycopy(packet, INFO_HASH, into.infoHash, 0, UdpWire.HASH_BYTES);
        System.arraycopy(packet, PEER_ID, into.peerId, 0, UdpWire.HASH_BYTES);
        into.event = event;
        into.port = port;
        into.downloaded = Math.max(0, UdpWire.readLong(packet, DOWNLOADED));
        long left = UdpWire.readLong(packet, LEFT);
        // A u64 above 2^63 - 1 is no real size: read it as unknown rather than as a seeder or a leecher.
        into.left = left >= 0 ? left : AnnounceRequest.LEFT_UNKNOWN;
        into.uploaded = Math.max(0, UdpWire.readLong(packet, UPLOADED));
        return null;
    }

    /** The requested num_want, signed: -1 (or any negative) asks for the default. */
    static int numWant(byte[] packet) {
        return UdpWire.readInt(packet, NUM_WANT);
    }

    /**
     * BEP 15's order, which is not HTTP's: 0 none, 1 completed, 2 started, 3 stopped; 4 is bittorrent-tracker's
     * paused. Null for anything else.
     */
    static AnnounceEvent event(int code) {
        switch (code) {
            case 0:
                return AnnounceEvent.UPDATE;
            case 1:
                return AnnounceEvent.COMPLETED;
            case 2:
                return AnnounceEvent.STARTED;
            case 3:
                return AnnounceEvent.STOPPED;
            case 4:
                return AnnounceEvent.PAUSED;
            default:
                return null;
        }
    }
}
