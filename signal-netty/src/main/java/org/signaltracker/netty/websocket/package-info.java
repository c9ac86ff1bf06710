/**
 * The WebSocket side of a connection: the upgrade, the one tracker session stage after Netty's frame codec
 * (messages in, ready-made frames out, the core's PeerSession port), and what each event loop shares among
 * its sessions: the dispatcher, a flush batch, and the once-a-second keep-alive sweep.
 */
package org.signaltracker.netty.websocket;
