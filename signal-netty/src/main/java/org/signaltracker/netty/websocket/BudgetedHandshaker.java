package org.signaltracker.netty.websocket;

import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;

/**
 * Netty's RFC 6455 (version 13) server handshake, installing a {@link BudgetedFrameDecoder} for the
 * connection instead of Netty's own. Every browser and WebSocket library speaks version 13; the drafts
 * before it (0, 7, 8) get 426 with the version we speak. Not shared: one per handshake.
 */
final class BudgetedHandshaker extends WebSocketServerHandshaker13 {

    static final String VERSION = "13";

    private final HeldBytes held;

    BudgetedHandshaker(String uri, WebSocketDecoderConfig config, HeldBytes held) {
        super(uri, null, config);
        this.held = held;
    }

    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new BudgetedFrameDecoder(decoderConfig(), held);
    }
}
