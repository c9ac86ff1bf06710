package org.signaltracker.core.tracker;

/** Counts of one swarm for a scrape; all zero for an unknown info hash. Mutable, reused; not thread-safe. */
public final class ScrapeCounts {
    public int complete;
    public int incomplete;
    public long downloaded;

    public void reset() {
        complete = 0;
        incomplete = 0;
        downloaded = 0;
    }
}
