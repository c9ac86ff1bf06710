package org.signaltracker.netty.websocket;

import org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher;

/**
 * What each event loop reuses for every message it handles: its own dispatcher (whose decoder and encoder
 * are not thread-safe) and a byte array to copy frame payloads into, so handling a message allocates
 * nothing. Confined to one event loop thread.
 */
public final class LoopResources {

    final WebTorrentDispatcher dispatcher;
    final byte[] payload;

    LoopResources(WebTorrentDispatcher dispatcher, int maxMessageBytes) {
        this.dispatcher = dispatcher;
        this.payload = new byte[maxMessageBytes];
    }
}
