/**
 * Ports from the core to the transport: what the domain needs from a client connection, implemented by signal-netty.
 */
package org.signaltracker.core.session;
