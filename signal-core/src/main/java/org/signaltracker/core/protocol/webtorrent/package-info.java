/**
 * The WebTorrent WebSocket tracker protocol as a library: decoder, encoder and the dispatcher that maps messages to the core and errors to failures.
 */
package org.signaltracker.core.protocol.webtorrent;
