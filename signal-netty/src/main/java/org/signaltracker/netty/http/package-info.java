/**
 * The plain-HTTP routes served on the tracker port before (or instead of) a WebSocket upgrade.
 */
package org.signaltracker.netty.http;
