/**
 * The signaling wire dialects as a library, no transport: {@link
 * org.signaltracker.core.protocol.signaling.SignalingDecoder} (strict JSON to a reused view of byte ranges),
 * {@link org.signaltracker.core.protocol.signaling.SignalingEncoder} (every outgoing shape of {@code /ws},
 * {@code /ws/{roomId}} and {@code /v1/connect}, and the translation between them) and {@link
 * org.signaltracker.core.protocol.signaling.SignalingDispatcher}, one per event loop, which calls the hub and is
 * the one place where signaling errors become wire messages. Relays copy the sender's bytes with the server's
 * stamp spliced in, so they build no strings. Confined to one event loop each.
 */
package org.signaltracker.core.protocol.signaling;
