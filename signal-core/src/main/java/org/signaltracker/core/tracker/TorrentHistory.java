package org.signaltracker.core.tracker;

/**
 * What outlives the process for a torrent: the completed downloads stored before this swarm existed, and
 * where the core reports activity so it is stored. The core asks {@link #storedDownloads} when a swarm is
 * created and for a scrape of a hash without a swarm, and calls {@link #announced} after an announce,
 * outside its stripe lock. Both are on the event loops' path, so an implementation answers from memory and
 * writes behind (see {@code core.store.StoredTorrents}); no call waits on a disk or a network.
 *
 * <p>Implementations are thread-safe.
 */
public interface TorrentHistory {

    /** Nothing stored and nothing recorded: the tracker without a database. */
    TorrentHistory NONE = new TorrentHistory() {
        @Override
        public int storedDownloads(byte[] infoHash) {
            return 0;
        }

        @Override
        public void announced(byte[] infoHash, int completed) {
        }
    };

    /** Completed downloads stored for this 20-byte info hash, saturated at 2^31 - 1. Allocation-free. */
    int storedDownloads(byte[] infoHash);

    /**
     * An announce of this 20-byte info hash was accepted, bringing {@code completed} more completed downloads
     * (0 or 1). Allocation-free once warmed up; the core calls it at most once per swarm and second unless a
     * download completed.
     */
    void announced(byte[] infoHash, int completed);
}
