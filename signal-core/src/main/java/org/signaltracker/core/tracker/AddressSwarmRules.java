package org.signaltracker.core.tracker;

import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.time.Clock;

/**
 * The tracker rules for address (HTTP/UDP) peers, behind {@link TrackerCore#announceAddress}: who joins,
 * what an event does, when an announce comes too soon, and which peers an answer holds. The store itself
 * (stripes, swarms, the peer counters) stays {@link TrackerCore}'s; this class only applies one announce
 * to it under the stripe lock.
 *
 * <p>Thread-safe: state lives in the swarms, guarded by their stripe locks.
 */
final class AddressSwarmRules {

    private final TrackerCore store;
    private final TorrentAdmission admission;
    private final TorrentHistory history;
    private final TrackerMetrics metrics;
    private final Clock clock;

    AddressSwarmRules(TrackerCore store, TorrentAdmission admission, TorrentHistory history, TrackerMetrics metrics,
            Clock clock) {
        this.store = store;
        this.admission = admission;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** See {@link TrackerCore#announceAddress}; {@code classic} and {@code limits} as the core read them. */
    void announce(AddressAnnounce request, AddressOutcome out, ClassicConfig classic, LimitsConfig limits) {
        int family = request.addressLength;
        if (family != AddressAnnounce.IPV4_BYTES && family != AddressAnnounce.IPV6_BYTES) {
            throw new IllegalArgumentException("address length " + family + " (expected: 4 or 16)");
        }
        if (request.port < 1 || request.port > 0xFFFF) {
            throw new IllegalArgumentException("port " + request.port + " (expected: 1..65535)");
        }
        out.addressLength = family;
        byte[] ih = request.infoHash;
        if (!admission.admits(ih)) {
            out.error = TrackerError.TORRENT_NOT_ALLOWED;
            return;
        }
        long ih0 = PackedKey.high(ih);
        long ih1 = PackedKey.middle(ih);
        int ih2 = PackedKey.low(ih);
        long e0 = Endpoint.high(request.address, family);
        long e1 = Endpoint.middle(request.address, family);
        int e2 = Endpoint.low(request.port, family);
        int now = clock.nowSeconds();
        Stripe stripe = store.stripeFor(ih0, ih1, ih2);
        boolean counted = false;
        boolean report;
        synchronized (stripe) {
            Swarm swarm = stripe.swarms.get(ih0, ih1, ih2);
            AddressPeer peer = swarm == null ? null : swarm.findAddress(e0, e1, e2);
            if (request.event == AnnounceEvent.STOPPED) {
                if (peer != null) {
                    store.leave(stripe, swarm, peer);
                }
                fillCounts(out, swarm, ih);
                return;
            }
            if (peer == null) {
                if (swarm != null && swarm.size() >= limits.maxPeersPerSwarm()) {
                    refuse(out, TrackerError.SWARM_FULL, swarm, ih);
                    return;
                }
                if (!store.reservePeer(limits, true)) {
                    refuse(out, TrackerError.TRACKER_FULL, swarm, ih);
                    return;
                }
                if (swarm == null) {
                    swarm = store.newSwarm(stripe, ih);
                }
                peer = new AddressPeer(swarm, e0, e1, e2);
                peer.lastAnnounceSeconds = now;
                boolean completed = request.event == AnnounceEvent.COMPLETED;
                if (completed) {
                    swarm.countDownload();
                    counted = true;
                }
                swarm.join(peer, request.left == 0 || (completed && request.left == AnnounceRequest.LEFT_UNKNOWN));
                metrics.addressPeersJoined.increment();
            } else if (!request.event.bypassesRateLimit()
                    && now - peer.lastAnnounceSeconds < classic.minAnnounceIntervalSeconds()) {
                out.rateLimited = true;
                metrics.addressAnnouncesRateLimited.increment();
                fillCounts(out, swarm, ih);
                return;
            } else {
                peer.lastAnnounceSeconds = now;
                counted = swarm.applyStatus(peer, request.event, request.left);
            }
            // The endpoint is the peer; the id is whatever it announced last (a restarted client's new one).
            peer.setPeerId(request.peerId);
            report = counted || swarm.reportDue(now);
            fillCounts(out, swarm, ih);
            out.peerCount = swarm.addressGroup(family)
                    .choose(peer, Math.min(request.numWant, out.capacity()), stripe.random, out);
        }
        if (report) {
            // Outside the stripe lock: the history takes a lock of its own.
            history.announced(ih, counted ? 1 : 0);
        }
    }

    private void refuse(AddressOutcome out, TrackerError error, Swarm swarm, byte[] infoHash) {
        out.error = error;
        fillCounts(out, swarm, infoHash);
    }

    /** Counts of every kind; without a swarm, no peers and the downloads stored for the hash (as a scrape). */
    private void fillCounts(AddressOutcome out, Swarm swarm, byte[] infoHash) {
        if (swarm == null) {
            out.complete = 0;
            out.incomplete = 0;
            out.downloaded = history.storedDownloads(infoHash);
        } else {
            out.complete = swarm.complete();
            out.incomplete = swarm.incomplete();
            out.downloaded = swarm.downloads();
        }
    }
}
