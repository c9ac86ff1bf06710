/**
 * The load generator: a Netty WebSocket client that simulates many WebTorrent peers against a tracker on
 * 127.0.0.0/8 and measures what it gets back. {@link org.signaltracker.bench.load.LoadMain} runs it;
 * {@link org.signaltracker.bench.load.LoadOptions} is its documented configuration. It exists so that
 * every performance claim about the daemon is a number anyone can reproduce side by side with the
 * reference tracker (scripts/load.sh, scripts/compare.sh); the scenarios follow aquatic's load test so
 * the figures compare with its published ones.
 */
package org.signaltracker.bench.load;
