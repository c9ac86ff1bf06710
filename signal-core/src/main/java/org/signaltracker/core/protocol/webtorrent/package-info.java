/**
 * The WebTorrent WebSocket tracker protocol as a library: {@link
 * org.signaltracker.core.protocol.webtorrent.WebTorrentDecoder} (bytes to a reused {@link
 * org.signaltracker.core.protocol.webtorrent.InboundMessage} or a {@link org.signaltracker.core.error.TrackerError}),
 * {@link org.signaltracker.core.protocol.webtorrent.WebTorrentEncoder} (outgoing messages into a reused writer) and
 * {@link org.signaltracker.core.protocol.webtorrent.WebTorrentDispatcher}, which applies the message budget, calls
 * the core, and is the one place where errors become wire failures.
 *
 * <p>Ids, {@code offer_id} and the {@code offer}/{@code answer} objects are kept as byte ranges of the input and
 * copied verbatim into outgoing messages, so relaying builds no strings; input is checked as strict JSON and
 * UTF-8 first, so what is copied is always valid for the receiver. Everything here is confined to one event
 * loop (one decoder, encoder and dispatcher per loop) except the stateless helpers.
 */
package org.signaltracker.core.protocol.webtorrent;
