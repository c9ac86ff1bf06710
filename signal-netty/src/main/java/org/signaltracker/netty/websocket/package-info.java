/**
 * The WebSocket side of a connection: the upgrade, the one session stage after Netty's frame codec
 * (messages in, ready-made frames out, the core's PeerSession port, speaking to its protocol only through
 * SessionProtocol), and what each event loop shares among its sessions: one instance of each protocol, a
 * flush batch, and the once-a-second keep-alive sweep.
 */
package org.signaltracker.netty.websocket;
