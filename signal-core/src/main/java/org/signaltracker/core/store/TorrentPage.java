package org.signaltracker.core.store;

import java.util.List;

/**
 * One page of a listing. Immutable.
 *
 * @param torrents the rows, in info-hash order
 * @param next     the cursor of the next page ({@link TorrentQuery#after}), or {@code null} when this is the last
 */
public record TorrentPage(List<StoredTorrent> torrents, InfoHash next) {

    public TorrentPage {
        torrents = List.copyOf(torrents);
    }
}
