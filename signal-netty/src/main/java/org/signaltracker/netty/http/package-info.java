/**
 * The plain-HTTP side of the port, before (or instead of) a WebSocket upgrade: the connection stage that
 * reads one request at a time, the one route table ({@link org.signaltracker.netty.http.HttpRoutes}: REST
 * routes, static files, upgrade routes that authorise before the 101 and pick the protocol), the signaling
 * routes, the {@link org.signaltracker.netty.http.UpgradeAdmission} chain that may refuse a request or an
 * upgrade (the access rules through {@link org.signaltracker.netty.http.AccessAdmission}, the connection cap,
 * the memory budget), the client address a trusted proxy names ({@link org.signaltracker.netty.http.ClientAddress}),
 * and the counters of what happened, kept instead of per-event log lines.
 */
package org.signaltracker.netty.http;
