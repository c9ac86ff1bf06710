/**
 * Ports between the core and the transport: what the domain needs from a client connection
 * ({@code PeerSession}, implemented by signal-netty), what a protocol spoken on a connection offers the
 * transport ({@code SessionProtocol}, implemented by the WebTorrent and signaling dispatchers), and the one
 * table of close codes.
 */
package org.signaltracker.core.session;
