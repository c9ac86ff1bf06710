package org.signaltracker.core.tracker;

/**
 * Reads the whole store for operators (metrics, {@code /stats.json}) without a counter on the announce
 * path: it takes each stripe's lock in turn, reads, and lets it go, so an announce waits at most for one
 * stripe's share of the walk, never for the whole of it. Stripes are read one after another, so the totals
 * are not one instant's; each stripe's are.
 *
 * <p>Cost: {@link #totals} is O(swarms), {@link #visitPeers} O(memberships); call them from an admin
 * thread, never an event loop. Thread-safe (stateless).
 */
public final class TrackerCensus {

    private TrackerCensus() {
    }

    /** Swarms, seeders and leechers, summed from every swarm's own counts. */
    public static SwarmTotals totals(TrackerCore core) {
        long swarms = 0;
        long seeders = 0;
        long leechers = 0;
        for (int i = 0; i < core.stripeCount(); i++) {
            Stripe stripe = core.stripe(i);
            synchronized (stripe) {
                KeyedTable<Swarm> table = stripe.swarms;
                for (int s = 0; s < table.capacity(); s++) {
                    Swarm swarm = table.at(s);
                    if (swarm != null) {
                        swarms++;
                        seeders += swarm.complete();
                        leechers += swarm.incomplete();
                    }
                }
            }
        }
        return new SwarmTotals(swarms, seeders, leechers);
    }

    /** Hands every membership of every swarm to {@code visitor}, one stripe's lock at a time. */
    public static void visitPeers(TrackerCore core, PeerVisitor visitor) {
        for (int i = 0; i < core.stripeCount(); i++) {
            Stripe stripe = core.stripe(i);
            synchronized (stripe) {
                KeyedTable<Swarm> table = stripe.swarms;
                for (int s = 0; s < table.capacity(); s++) {
                    Swarm swarm = table.at(s);
                    if (swarm != null) {
                        swarm.visit(visitor);
                    }
                }
            }
        }
    }
}
