package org.signaltracker.core.protocol.udp;

import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.UdpMetrics;
import org.signaltracker.core.tracker.AddressAnnounce;
import org.signaltracker.core.tracker.AddressOutcome;
import org.signaltracker.core.tracker.ScrapeCounts;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * Handles one UDP tracker datagram (BEP 15): checks it, asks the core, and writes the reply into
 * {@link #reply()}. This is where {@link TrackerError}s become action-3 error datagrams. It never throws
 * on bad input.
 *
 * <p>What is answered, and what is dropped without a word:
 * <ul>
 * <li>under 16 bytes: dropped (there is no complete transaction id to echo);</li>
 * <li>connect (action 0): answered with a fresh connection id when it starts with the protocol id,
 *     dropped otherwise (not a tracker client);</li>
 * <li>announce or scrape (1, 2) with an invalid or expired connection id: the error "invalid connection
 *     id", as opentracker does, so a client whose id expired learns to connect again at once instead of
 *     after its retransmission timeout (up to 15 s); the reply is no longer than the request;</li>
 * <li>any other action with an invalid connection id: dropped. Replies (ours and other trackers') carry
 *     other data where a request has its action, so answering them could start a loop between two
 *     trackers through one spoofed datagram;</li>
 * <li>with a valid id: announce, scrape, or the error for an unknown action, a short announce, a bad
 *     event, port 0, a scrape naming no hash (full scrapes are refused) or more than
 *     {@code min(74, classic.maxScrapeHashes)}, and whatever the core refuses.</li>
 * </ul>
 * Every reply is checked against the {@link AmplificationBound}.
 *
 * <p>Not thread-safe: one per event loop, reusing its announce, outcome, counts and reply buffer, so a
 * datagram costs no allocation here. A reload reaches it through {@link #reconfigure}, on its loop.
 */
public final class UdpTrackerDispatcher {

    private final TrackerCore core;
    private final ConnectionIds connectionIds;
    private final UdpMetrics metrics;
    private final AddressAnnounce announce = new AddressAnnounce();
    private final AddressOutcome outcome = new AddressOutcome(UdpWire.MAX_PEERS_IPV4);
    private final ScrapeCounts counts = new ScrapeCounts();
    private final byte[] infoHash = new byte[UdpWire.HASH_BYTES];
    private final byte[] reply = new byte[AmplificationBound.MAX_REPLY_BYTES];
    private ClassicConfig classic;
    private int maxScrapeHashes;
    /** The error the reply being built carries, counted once the reply is known to be sent. */
    private TrackerError replyError;

    public UdpTrackerDispatcher(TrackerCore core, ClassicConfig classic, ConnectionIds connectionIds,
            UdpMetrics metrics) {
        this.core = core;
        this.connectionIds = connectionIds;
        this.metrics = metrics;
        reconfigure(classic);
    }

    /** A reload's {@code classic} section: interval, numwant default and cap, scrape cap of the next datagram. */
    public void reconfigure(ClassicConfig next) {
        classic = next;
        maxScrapeHashes = Math.min(UdpWire.MAX_SCRAPE_HASHES, next.maxScrapeHashes());
    }

    /**
     * One datagram of {@code length} bytes from the IP address {@code source[0, sourceLength)} (4 or 16
     * bytes; an IPv4 client on a dual-stack socket should be given as 4 bytes, so that it gets IPv4
     * peers).
     *
     * @return the length of the reply now in {@link #reply()}, or 0 when nothing is to be sent
     */
    public int handle(byte[] packet, int length, byte[] source, int sourceLength) {
        metrics.packetsReceived.increment();
        replyError = null;
        if (length < UdpWire.HEADER_BYTES) {
            metrics.countDrop(UdpMetrics.Drop.SHORT);
            return 0;
        }
        long connectionId = UdpWire.readLong(packet, 0);
        int action = UdpWire.readInt(packet, UdpWire.ACTION_OFFSET);
        int transactionId = UdpWire.readInt(packet, UdpWire.TRANSACTION_OFFSET);
        if (action == UdpWire.CONNECT) {
            if (connectionId != UdpWire.PROTOCOL_ID) {
                metrics.countDrop(UdpMetrics.Drop.BAD_PROTOCOL_ID);
                return 0;
            }
            metrics.connects.increment();
            return bounded(UdpReplies.connect(reply, transactionId, connectionIds.issue(source, sourceLength)),
                    length, false);
        }
        if (!connectionIds.isValid(connectionId, source, sourceLength)) {
            if (action != UdpWire.ANNOUNCE && action != UdpWire.SCRAPE) {
                metrics.countDrop(UdpMetrics.Drop.UNVERIFIED_OTHER_ACTION);
                return 0;
            }
            return bounded(error(transactionId, TrackerError.UDP_BAD_CONNECTION_ID), length, false);
        }
        int replyLength;
        if (action == UdpWire.ANNOUNCE) {
            replyLength = announce(packet, length, transactionId, source, sourceLength);
        } else if (action == UdpWire.SCRAPE) {
            replyLength = scrape(packet, length, transactionId);
        } else {
            replyLength = error(transactionId, TrackerError.UDP_UNKNOWN_ACTION);
        }
        return bounded(replyLength, length, true);
    }

    /** The reply of the last {@link #handle}; valid until the next call. */
    public byte[] reply() {
        return reply;
    }

    private int announce(byte[] packet, int length, int transactionId, byte[] source, int sourceLength) {
        metrics.announces.increment();
        AddressAnnounce request = announce;
        request.reset();
        TrackerError invalid = UdpAnnounceDecoder.decode(packet, length, request);
        if (invalid != null) {
            return error(transactionId, invalid);
        }
        request.address(source, 0, sourceLength);
        int familyCap = request.isIpv6() ? UdpWire.MAX_PEERS_IPV6 : UdpWire.MAX_PEERS_IPV4;
        request.numWant = Math.min(classic.numWant(UdpAnnounceDecoder.numWant(packet)), familyCap);
        AddressOutcome out = outcome;
        out.reset();
        core.announceAddress(request, out);
        if (out.error != null) {
            return error(transactionId, out.error);
        }
        return UdpReplies.announce(reply, transactionId, classic.announceIntervalSeconds(), out,
                Math.min(request.numWant, familyCap));
    }

    private int scrape(byte[] packet, int length, int transactionId) {
        metrics.scrapes.increment();
        // Bytes after the last whole hash are ignored, as BEP 15 asks of fields that may be extended.
        int hashes = (length - UdpWire.HEADER_BYTES) / UdpWire.HASH_BYTES;
        if (hashes == 0) {
            return error(transactionId, TrackerError.FULL_SCRAPE_REFUSED);
        }
        if (hashes > maxScrapeHashes) {
            return error(transactionId, TrackerError.TOO_MANY_SCRAPE_HASHES);
        }
        UdpReplies.scrapeHeader(reply, transactionId);
        int replyLength = UdpWire.SCRAPE_REPLY_HEADER;
        for (int i = 0; i < hashes; i++) {
            System.arraycopy(packet, UdpWire.HEADER_BYTES + i * UdpWire.HASH_BYTES, infoHash, 0, UdpWire.HASH_BYTES);
            core.scrape(infoHash, counts);
            replyLength = UdpReplies.scrapeEntry(reply, i, counts);
        }
        return replyLength;
    }

    private int error(int transactionId, TrackerError error) {
        replyError = error;
        return UdpReplies.error(reply, transactionId, error);
    }

    private int bounded(int replyLength, int requestLength, boolean verifiedSource) {
        if (replyLength > AmplificationBound.maxReplyBytes(requestLength, verifiedSource)) {
            metrics.countDrop(UdpMetrics.Drop.AMPLIFICATION_BOUND);
            return 0;
        }
        metrics.repliesSent.increment();
        if (replyError != null) {
            metrics.countError(replyError);
        }
        return replyLength;
    }
}
