/**
 * The UDP tracker's transport: datagram sockets on every event loop (SO_REUSEPORT, batched reads and
 * writes on epoll), one set per local address and following the interface addresses when the bind address
 * is a wildcard, and the handler that hands each datagram to the core's
 * {@link org.signaltracker.core.protocol.udp.UdpTrackerDispatcher}.
 */
package org.signaltracker.netty.udp;
