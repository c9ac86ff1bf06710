/**
 * The plain-HTTP side of the port, before (or instead of) a WebSocket upgrade: the connection stage that
 * reads one request at a time, the one route table ({@link org.signaltracker.netty.http.HttpRoutes}: REST
 * routes, static files, upgrade routes that authorise before the 101 and pick the protocol), the signaling
 * routes, the {@link org.signaltracker.netty.http.UpgradeAdmission} that may refuse an upgrade with 503, and
 * the counters of what happened, kept instead of per-event log lines.
 */
package org.signaltracker.netty.http;
