package org.signaltracker.core.protocol.http;

import java.nio.charset.StandardCharsets;
import org.signaltracker.core.tracker.AddressAnnounce;

/**
 * One decoded HTTP announce: what the core needs ({@link #announce}, whose address the dispatcher sets) and
 * how the client wants its answer.
 *
 * <p>Mutable and reused: one per event loop, refilled by {@link QueryDecoder#announce} for every request.
 * Not thread-safe.
 */
public final class AnnounceQuery {

    /** Longest {@code ip} parameter kept: an IPv6 literal with an embedded IPv4 address is 45 characters. */
    static final int MAX_IP_TEXT = 45;

    public final AddressAnnounce announce = new AddressAnnounce();
    /** False only for {@code compact=0}: the client asked for the dictionary model (BEP 3). */
    public boolean compact;
    /** {@code no_peer_id=1}: dictionary-model peers leave out {@code peer id}. */
    public boolean noPeerId;
    /** The {@code numwant} the client sent; -1 when it sent none (the default applies). */
    public int requestedNumWant;
    /** The raw bytes of the {@code ip} parameter in the first {@link #ipLength}; 0 when absent or too long. */
    final byte[] ipText = new byte[MAX_IP_TEXT];
    int ipLength;

    void reset() {
        announce.reset();
        compact = true;
        noPeerId = false;
        requestedNumWant = -1;
        ipLength = 0;
    }

    /** The {@code ip} parameter as text, or null when the client sent none; allocates, so call it only when used. */
    public String ipParameter() {
        return ipLength == 0 ? null : new String(ipText, 0, ipLength, StandardCharsets.ISO_8859_1);
    }
}
