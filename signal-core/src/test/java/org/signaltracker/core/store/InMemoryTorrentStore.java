package org.signaltracker.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TorrentStore} in a map, for tests of what uses the port: it can be told to fail like an
 * unreachable database, and counts the batches it was asked to write. Thread-safe (synchronized).
 */
final class InMemoryTorrentStore implements TorrentStore {

    final TreeMap<InfoHash, StoredTorrent> rows = new TreeMap<>();
    final AtomicInteger batches = new AtomicInteger();
    final List<Boolean> recordUnknownSeen = new ArrayList<>();
    volatile boolean down;
    private Runnable onBatch = () -> { };

    synchronized void onBatch(Runnable action) {
        onBatch = action;
    }

    private void check() throws StoreException {
        if (down) {
            throw new StoreException("memory: connection refused (test outage)");
        }
    }

    @Override
    public synchronized List<PolicyEntry> loadPolicy() throws StoreException {
        check();
        return rows.values().stream().map(t -> new PolicyEntry(t.infoHash(), t.allowed(), t.completed())).toList();
    }

    @Override
    public synchronized boolean put(TorrentEntry entry, long now) throws StoreException {
        check();
        StoredTorrent old = rows.get(entry.infoHash());
        rows.put(entry.infoHash(), old == null
                ? new StoredTorrent(entry.infoHash(), entry.name(), entry.comment(), entry.allowed(), now, 0, 0, 0)
                : new StoredTorrent(entry.infoHash(), entry.name(), entry.comment(), entry.allowed(),
                        old.addedAtEpochSecond(), old.firstSeenEpochSecond(), old.lastSeenEpochSecond(),
                        old.completed()));
        return old == null;
    }

    @Override
    public synchronized boolean setAllowed(InfoHash infoHash, boolean allowed, long now) throws StoreException {
        StoredTorrent old = rows.get(infoHash);
        return put(new TorrentEntry(infoHash, old == null ? null : old.name(), old == null ? null : old.comment(),
                allowed), now);
    }

    @Override
    public synchronized boolean remove(InfoHash infoHash) throws StoreException {
        check();
        return rows.remove(infoHash) != null;
    }

    @Override
    public synchronized Optional<StoredTorrent> get(InfoHash infoHash) throws StoreException {
        check();
        return Optional.ofNullable(rows.get(infoHash));
    }

    @Override
    public synchronized TorrentPage list(TorrentQuery query) throws StoreException {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public int applyActivity(Collection<TorrentActivity> batch, boolean recordUnknown) throws StoreException {
        Runnable action;
        int changed = 0;
        synchronized (this) {
            check();
            batches.incrementAndGet();
            recordUnknownSeen.add(recordUnknown);
            for (TorrentActivity a : batch) {
                StoredTorrent old = rows.get(a.infoHash());
                if (old == null && !recordUnknown) {
                    continue;
                }
                changed++;
                rows.put(a.infoHash(), old == null
                        ? new StoredTorrent(a.infoHash(), null, null, true, a.firstSeenEpochSecond(),
                                a.firstSeenEpochSecond(), a.lastSeenEpochSecond(), a.completedIncrement())
                        : new StoredTorrent(a.infoHash(), old.name(), old.comment(), old.allowed(),
                                old.addedAtEpochSecond(), old.firstSeenEpochSecond() == 0 ? a.firstSeenEpochSecond()
                                        : Math.min(old.firstSeenEpochSecond(), a.firstSeenEpochSecond()),
                                Math.max(old.lastSeenEpochSecond(), a.lastSeenEpochSecond()),
                                old.completed() + a.completedIncrement()));
            }
            action = onBatch;
        }
        action.run();
        return changed;
    }

    @Override
    public String description() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
