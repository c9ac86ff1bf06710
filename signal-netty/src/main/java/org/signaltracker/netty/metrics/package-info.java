/**
 * The Prometheus exposition: the one table of every metric ({@link org.signaltracker.netty.metrics.MetricsTable}),
 * its registration with the official client ({@link org.signaltracker.netty.metrics.MetricsExport}), and the
 * per-loop message handling histograms. Counters are read at scrape time; nothing here runs per message
 * except {@link org.signaltracker.netty.metrics.MessageTimes#record}.
 */
package org.signaltracker.netty.metrics;
