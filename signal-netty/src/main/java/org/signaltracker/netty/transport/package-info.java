/**
 * Choosing the network transport: native epoll when available, NIO otherwise, said at start.
 */
package org.signaltracker.netty.transport;
