/**
 * Totals for operators in the shape of bittorrent-tracker's {@code /stats.json}: a census of the tracker
 * core (distinct peer ids, seeders and leechers, address families) and the client software their peer ids
 * name. Computed on request, off the event loops.
 */
package org.signaltracker.core.stats;
