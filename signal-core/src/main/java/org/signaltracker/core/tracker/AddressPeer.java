package org.signaltracker.core.tracker;

/**
 * One membership of an address (HTTP/UDP) peer: keyed by its endpoint ({@link Endpoint}), never by its
 * peer id, so a client cannot take over or remove another's membership by naming its id (as opentracker
 * and aquatic do). The peer id is kept only for the dictionary model of an HTTP answer, and is replaced
 * when the same endpoint announces another one (a restarted client).
 *
 * <p>A subclass so that the WebSocket {@link Peer} stays at 56 bytes; this one costs 72 (its {@code owner}
 * and {@code offers} stay null). Guarded by the stripe lock of its swarm.
 */
final class AddressPeer extends Peer {

    long idHigh;
    long idMiddle;
    int idLow;

    AddressPeer(Swarm swarm, long endpointHigh, long endpointMiddle, int endpointLow) {
        super(swarm, endpointHigh, endpointMiddle, endpointLow);
    }

    void setPeerId(byte[] peerId) {
        idHigh = PackedKey.high(peerId);
        idMiddle = PackedKey.middle(peerId);
        idLow = PackedKey.low(peerId);
    }

    /** 4 or 16: the family of the endpoint, read back from its key. */
    int addressLength() {
        return Endpoint.addressLength(keyLow);
    }

    /** Writes the compact entry (address then big-endian port, 6 or 18 bytes) at {@code at}. */
    void writeEndpoint(byte[] out, int at) {
        Endpoint.write(keyHigh, keyMiddle, keyLow, out, at);
    }

    /** Writes the 20-byte peer id at {@code at}. */
    void writePeerId(byte[] out, int at) {
        Endpoint.LONG.set(out, at, idHigh);
        Endpoint.LONG.set(out, at + 8, idMiddle);
        Endpoint.INT.set(out, at + 16, idLow);
    }
}
