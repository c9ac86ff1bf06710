package org.signaltracker.core.tracker;

/**
 * One announce from an address peer (HTTP or UDP tracker): the peer is known by its endpoint, the IP
 * address the transport saw (or a trusted proxy named) and the port it listens on, and never receives
 * WebRTC offers. Ids are raw 20-byte values.
 *
 * <p>Mutable and reused: one instance per event loop is filled by the decoder for every request, so the
 * announce path allocates nothing. Not thread-safe; confined to the thread that filled it.
 */
public final class AddressAnnounce {

    public static final int IPV4_BYTES = 4;
    public static final int IPV6_BYTES = 16;

    public final byte[] infoHash = new byte[20];
    public final byte[] peerId = new byte[20];
    /** The peer's IP address in its first {@link #addressLength} bytes, network order. */
    public final byte[] address = new byte[IPV6_BYTES];
    /** {@link #IPV4_BYTES} or {@link #IPV6_BYTES}: the family, which also picks the family of the answer. */
    public int addressLength = IPV4_BYTES;
    /** The peer's listen port, 1..65535. */
    public int port;
    public AnnounceEvent event = AnnounceEvent.UPDATE;
    /** Bytes left to download; 0 is a seeder. {@link AnnounceRequest#LEFT_UNKNOWN} never changes the status. */
    public long left = AnnounceRequest.LEFT_UNKNOWN;
    public long downloaded;
    public long uploaded;
    /** Peers wanted in the answer, after the transport applied its default and caps; 0 asks for none. */
    public int numWant;

    public boolean isIpv6() {
        return addressLength == IPV6_BYTES;
    }

    /** Sets the address from 4 or 16 bytes at {@code offset}. */
    public void address(byte[] source, int offset, int length) {
        if (length != IPV4_BYTES && length != IPV6_BYTES) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + length);
        }
        System.arraycopy(source, offset, address, 0, length);
        addressLength = length;
    }

    public void reset() {
        event = AnnounceEvent.UPDATE;
        left = AnnounceRequest.LEFT_UNKNOWN;
        downloaded = 0;
        uploaded = 0;
        numWant = 0;
        port = 0;
        addressLength = IPV4_BYTES;
    }
}
