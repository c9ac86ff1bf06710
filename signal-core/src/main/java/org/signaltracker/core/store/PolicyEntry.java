package org.signaltracker.core.store;

/**
 * The part of a stored torrent the announce policy needs, loaded for every row at start and on refresh.
 * Immutable.
 *
 * @param infoHash  the torrent
 * @param allowed   allowed ({@code true}) or denied ({@code false})
 * @param completed completed downloads stored for it, added to the in-memory counts after a restart
 */
public record PolicyEntry(InfoHash infoHash, boolean allowed, long completed) {
}
