package org.signaltracker.netty.websocket;

import org.signaltracker.core.protocol.signaling.SignalingGrant;

/**
 * Which protocol an upgraded connection speaks, and what its upgrade route granted before the handshake
 * (see {@link org.signaltracker.core.session.SessionProtocol#open}). Chosen by the HTTP route table from
 * the path. Immutable.
 */
public record UpgradeTarget(Protocol protocol, Object grant) {

    /** The protocols a WebSocket on this port can speak; each loop holds one instance of each. */
    public enum Protocol {
        WEBTORRENT, SIGNALING
    }

    /** Every upgrade path that is not signaling's: the tracker needs no grant. */
    public static final UpgradeTarget WEBTORRENT = new UpgradeTarget(Protocol.WEBTORRENT, null);

    public static UpgradeTarget signaling(SignalingGrant grant) {
        return new UpgradeTarget(Protocol.SIGNALING, grant);
    }
}
