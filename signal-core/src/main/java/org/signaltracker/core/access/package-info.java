/**
 * Who may connect, and who a connection is: literal IP addresses and CIDR ranges, the client address
 * behind trusted reverse proxies ({@code X-Forwarded-For}, {@code Forwarded}), Origin allow lists, bans,
 * and per-address connection caps and rate limits. The rules live here; {@code signal-netty} only reads
 * the socket and headers and writes the refusals. Nothing here resolves a host name.
 */
package org.signaltracker.core.access;
