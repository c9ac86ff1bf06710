/**
 * WebSocket handlers, one concern each: the frame-to-core bridge, keep-alive, slow consumers, and the PeerSession port.
 */
package org.signaltracker.netty.websocket;
