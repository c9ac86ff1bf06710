/**
 * The daemon's entry point and the server that owns event loops, the listener, the sweep and graceful shutdown.
 */
package org.signaltracker.netty.app;
