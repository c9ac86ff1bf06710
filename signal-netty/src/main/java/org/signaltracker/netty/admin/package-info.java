/**
 * The admin routes ({@code /metrics}, {@code /stats.json}, {@code /health}, and later ones such as the info-hash
 * database's): one table of them ({@link org.signaltracker.netty.admin.AdminRoutes}) run on one admin thread,
 * served by a small listener of their own (loopback by default) and, behind a bearer token, on the main port.
 */
package org.signaltracker.netty.admin;
