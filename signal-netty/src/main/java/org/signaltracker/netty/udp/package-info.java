/**
 * The UDP tracker's transport: datagram sockets on every event loop (SO_REUSEPORT, batched reads and
 * writes on epoll) and the handler that hands each datagram to the core's
 * {@link org.signaltracker.core.protocol.udp.UdpTrackerDispatcher}.
 */
package org.signaltracker.netty.udp;
