package org.signaltracker.core.tracker;

/**
 * The store's totals at one moment, as the census counted them stripe by stripe: swarms, and the peers in
 * them split into seeders and leechers (a peer id in two swarms counts twice). Immutable.
 */
public record SwarmTotals(long swarms, long seeders, long leechers) {

    public long peers() {
        return seeders + leechers;
    }
}
