/**
 * The plain-HTTP side of the tracker port, before (or instead of) a WebSocket upgrade: the routes, read one
 * request at a time; the {@link org.signaltracker.netty.http.UpgradeAdmission} that may refuse an upgrade
 * with 503; and the counters of what happened, kept instead of per-event log lines.
 */
package org.signaltracker.netty.http;
