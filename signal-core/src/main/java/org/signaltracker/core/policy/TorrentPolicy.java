package org.signaltracker.core.policy;

import java.util.Collection;
import org.signaltracker.core.store.InfoHash;
import org.signaltracker.core.store.PolicyEntry;
import org.signaltracker.core.tracker.TorrentAdmission;

/**
 * The announce policy: whether an info hash may be tracked, decided from an in-memory copy of the
 * database's standings. {@link #permits(byte[])} is what the announce path calls: one volatile read and a
 * table probe, no query, no allocation, no lock. The copy follows the database: {@link #replaceAll} after
 * a (re)load, {@link #set}/{@link #forget} at once for a change made through this daemon.
 *
 * <p>The mode follows a reload ({@link #mode(PolicyMode)}): the standings are loaded whatever the mode, so
 * switching between the three needs no load.
 *
 * <p>Thread-safe: readers see a whole table, old or new; writers are serialised among themselves.
 */
public final class TorrentPolicy implements TorrentAdmission {

    private volatile PolicyMode mode;
    private volatile StandingTable table = StandingTable.EMPTY;

    public TorrentPolicy(PolicyMode mode) {
        this.mode = mode;
    }

    public PolicyMode mode() {
        return mode;
    }

    /** Applies a reloaded mode to the next announces. */
    public void mode(PolicyMode next) {
        this.mode = next;
    }

    @Override
    public boolean admits(byte[] infoHash) {
        return permits(infoHash);
    }

    /** Whether the tracker serves this 20-byte info hash. Allocation-free. */
    public boolean permits(byte[] infoHash) {
        // Kept tiny so the JIT inlines it into the announce path whatever its budget there: the open policy
        // answers from one volatile read and a compare. An enum switch here would also read the synthetic
        // switch-map array that javac generates for it, on every announce.
        PolicyMode current = mode;
        return current == PolicyMode.OPEN || permitsListed(current, infoHash);
    }

    /** The list policies: a probe of the standings table. */
    private boolean permitsListed(PolicyMode current, byte[] infoHash) {
        byte standing = table.standing(infoHash);
        return current == PolicyMode.ALLOW_LIST ? standing == StandingTable.ALLOWED : standing != StandingTable.DENIED;
    }

    public boolean permits(InfoHash infoHash) {
        return permits(infoHash.toBytes());
    }

    /** Replaces every standing with those loaded from the database. */
    public synchronized void replaceAll(Collection<PolicyEntry> entries) {
        table = StandingTable.of(entries);
    }

    /** A torrent registered or changed through this daemon, applied at once. */
    public synchronized void set(InfoHash infoHash, boolean allowed) {
        table = table.with(infoHash, allowed ? StandingTable.ALLOWED : StandingTable.DENIED);
    }

    /** A torrent removed through this daemon, applied at once. */
    public synchronized void forget(InfoHash infoHash) {
        table = table.with(infoHash, StandingTable.ABSENT);
    }

    /** Torrents with a standing, allowed or denied. */
    public int size() {
        return table.size();
    }
}
