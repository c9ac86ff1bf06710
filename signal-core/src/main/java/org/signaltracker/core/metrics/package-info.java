/**
 * Contention-free counters shared by every event loop, read by logs and (later) the metrics endpoint.
 */
package org.signaltracker.core.metrics;
