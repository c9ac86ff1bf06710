package org.signaltracker.core.tracker;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.limit.MessageRate;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.time.Clock;

/**
 * The swarm store: per-info-hash swarms of seeders and leechers, spread over lock stripes.
 *
 * <p>Pairing: every relayed offer is recorded with its receiver ({@link PendingOffers}), and an answer is
 * relayed only when it consumes such a record: from a member, to the peer that sent it that offer_id, once.
 * The same records keep a peer's offers away from a peer whose offer to it is still unanswered (glare),
 * and a seeder's offers go only to leechers.
 *
 * <p>Peer ids: an id belongs to the connection that registered it in a swarm until that connection closes
 * or the peer is evicted for silence ({@code tracker.peerTimeoutSeconds}). Another connection announcing
 * the id is refused until then; from then on it joins as a fresh peer, even before the sweep has got round.
 *
 * <p>Live settings: a reload hands in new tracker and limits settings through {@link #reconfigure}; each
 * operation reads them once when it begins (a volatile read, a plain load on x86, next to the stripe lock
 * the operation takes anyway), so a lowered cap refuses the next join and never removes a member.
 * {@code lockStripes} and {@code sweepIntervalSeconds} keep their start values: they shape the store.
 *
 * <p>Thread-safe, lock-striped: every operation on one info hash takes that hash's stripe lock and never a
 * global one (the only shared counters are atomics touched when a peer joins or leaves). Nothing here
 * writes to a network: callers get the chosen receivers back and send after the lock is released.
 */
public final class TrackerCore {

    private volatile TrackerConfig tracker;
    private volatile LimitsConfig limits;
    private final Clock clock;
    private final TrackerMetrics metrics;
    private final Stripe[] stripes;
    private final int stripeMask;
    private final AtomicLong peers = new AtomicLong();
    private final AtomicInteger swarms = new AtomicInteger();
    private final AtomicInteger nextSweepStripe = new AtomicInteger();
    private final TorrentAdmission admission;
    private final TorrentHistory history;

    /** A core that serves every info hash and stores nothing (no database). */
    public TrackerCore(TrackerConfig tracker, LimitsConfig limits, Clock clock, TrackerMetrics metrics) {
        this(tracker, limits, clock, metrics, TorrentAdmission.ALL, TorrentHistory.NONE);
    }

    /**
     * @param admission which info hashes are served (the torrent policy), asked on every announce and scrape
     * @param history   stored completed counts, and where activity is reported to be stored behind the path
     */
    public TrackerCore(TrackerConfig tracker, LimitsConfig limits, Clock clock, TrackerMetrics metrics,
            TorrentAdmission admission, TorrentHistory history) {
        int count = tracker.lockStripes();
        if (count <= 0 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("tracker.lockStripes: " + count + " (expected: a power of two)");
        }
        this.tracker = tracker;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
        this.stripes = new Stripe[count];
        SecureRandom secrets = new SecureRandom();
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe(0x5DEECE66DL * (i + 1) ^ System.nanoTime(), secrets.nextLong());
        }
        this.stripeMask = count - 1;
        this.admission = admission;
        this.history = history;
    }

    /** Registers a new connection with a message rate of its own; call {@link #close} when it goes away. */
    public TrackerConnection openConnection(PeerSession session) {
        LimitsConfig l = limits;
        return openConnection(session, new MessageRate(l.messagesPerSecond(), l.messageBurst()));
    }

    /**
     * Registers a new connection whose budget refills at {@code rate}, which the caller's event loop shares
     * among its connections and changes on reload; call {@link #close} when it goes away.
     */
    public TrackerConnection openConnection(PeerSession session, MessageRate rate) {
        metrics.connectionsOpened.increment();
        return new TrackerConnection(session, new MessageBudget(rate, clock.nowMillis()));
    }

    /**
     * Applies reloaded settings to the next operations: caps, intervals and the peer timeout. Members above
     * a lowered cap stay; only new joins are refused. The stripe count and the sweep period stay as started.
     */
    public void reconfigure(TrackerConfig nextTracker, LimitsConfig nextLimits) {
        this.tracker = nextTracker;
        this.limits = nextLimits;
    }

    /**
     * Applies one announce and chooses the receivers of its offers ({@code min(numWant if given,
     * offerCount, maxOffersPerAnnounce, eligible peers)}), recording each offer with its receiver. Fills
     * {@code out}, which the caller has reset.
     */
    public void announce(TrackerConnection from, AnnounceRequest request, AnnounceOutcome out) {
        TrackerConfig tracker = this.tracker;
        LimitsConfig limits = this.limits;
        if (from.registrationCount() >= limits.maxSwarmsPerConnection()) {
            // Purge stale entries before the stripe lock is taken: purging locks other stripes.
            purgeStaleRegistrations(from);
        }
        byte[] ih = request.infoHash;
        if (!admission.admits(ih)) {
            refuse(out, TrackerError.TORRENT_NOT_ALLOWED, null);
            return;
        }
        long ih0 = PackedKey.high(ih);
        long ih1 = PackedKey.middle(ih);
        int ih2 = PackedKey.low(ih);
        long p0 = PackedKey.high(request.peerId);
        long p1 = PackedKey.middle(request.peerId);
        int p2 = PackedKey.low(request.peerId);
        int now = clock.nowSeconds();
        Stripe stripe = stripeFor(ih0, ih1, ih2);
        boolean report;
        synchronized (stripe) {
            Swarm swarm = stripe.swarms.get(ih0, ih1, ih2);
            Peer peer = swarm == null ? null : swarm.find(p0, p1, p2);
            if (peer != null && peer.owner != from) {
                if (!bindingEnded(peer, now, tracker)) {
                    refuse(out, TrackerError.PEER_ID_IN_USE, swarm);
                    return;
                }
                // The old binding is over: remove it as the sweep would, and let this announce join afresh
                // (with the limits of a join, and none of the old peer's pending offers).
                leave(stripe, swarm, peer);
                peer = null;
                if (swarm.isEmpty()) {
                    swarm = null;
                }
            }
            if (request.event == AnnounceEvent.STOPPED) {
                if (peer != null) {
                    leave(stripe, swarm, peer);
                }
                fillCounts(out, swarm);
                return;
            }
            if (peer == null) {
                peer = join(stripe, swarm, from, request, now, p0, p1, p2, ih, out, limits);
                if (peer == null) {
                    return;
                }
                swarm = peer.swarm;
            } else if (!update(swarm, peer, request, now, tracker, out)) {
                out.rateLimited = true;
                metrics.rateLimitedAnnounces.increment();
                fillCounts(out, swarm);
                return;
            }
            report = out.downloadCounted || swarm.reportDue(now);
            fillCounts(out, swarm);
            int wanted = Math.min(request.offerCount, tracker.maxOffersPerAnnounce());
            if (request.numWant != AnnounceRequest.NUMWANT_ABSENT) {
                wanted = Math.min(wanted, request.numWant);
            }
            wanted = Math.min(wanted, Math.min(out.targets.length, request.offerKeys.length));
            if (wanted > 0) {
                long callerHash = PendingOffers.senderHash(p0, p1, p2, stripe.idSeed);
                swarm.chooseReceivers(peer, callerHash, request.offerKeys, wanted, now, stripe, out);
            }
        }
        if (out.receiversBusy > 0) {
            metrics.offersReceiverBusy.add(out.receiversBusy);
        }
        if (report) {
            // Outside the stripe lock: the history takes a lock of its own.
            history.announced(ih, out.downloadCounted ? 1 : 0);
        }
    }

    /**
     * Validates an answer from {@code fromPeerId} to {@code toPeerId} for the offer keyed {@code offerKey}
     * ({@link AnnounceRequest#offerKey}) and finds its receiver. The answerer must be a member of the swarm
     * on this connection, and must hold that offer from {@code toPeerId}, unanswered and not expired; the
     * offer is consumed, so a second answer to it is refused. When the offerer has left since, there is no
     * target and no error: peers come and go.
     */
    public void routeAnswer(TrackerConnection from, byte[] infoHash, byte[] fromPeerId, byte[] toPeerId,
            long offerKey, AnswerRoute out) {
        Stripe stripe = stripeFor(infoHash);
        int now = clock.nowSeconds();
        synchronized (stripe) {
            Swarm swarm = swarmIn(stripe, infoHash);
            Peer answerer = swarm == null ? null
                    : swarm.find(PackedKey.high(fromPeerId), PackedKey.middle(fromPeerId), PackedKey.low(fromPeerId));
            if (answerer == null || answerer.owner != from) {
                out.error = answerer != null && !bindingEnded(answerer, now, tracker)
                        ? TrackerError.PEER_ID_IN_USE : TrackerError.ANSWER_FROM_NON_MEMBER;
                return;
            }
            long t0 = PackedKey.high(toPeerId);
            long t1 = PackedKey.middle(toPeerId);
            int t2 = PackedKey.low(toPeerId);
            long offerer = PendingOffers.senderHash(t0, t1, t2, stripe.idSeed);
            if (answerer.offers == null || !PendingOffers.consume(answerer.offers, offerer, offerKey, now)) {
                out.error = TrackerError.ANSWER_WITHOUT_OFFER;
                return;
            }
            Peer receiver = swarm.find(t0, t1, t2);
            if (receiver != null && receiver.owner != null && !receiver.owner.isClosed()) {
                out.target = receiver.owner;
            }
        }
    }

    /**
     * Counts of one swarm. Without a swarm: no peers, and the downloads stored for the hash. A hash the
     * tracker does not serve reads as all zeros, whatever is stored for it: a scrape neither fails the other
     * hashes it names nor tells which torrents are registered.
     */
    public void scrape(byte[] infoHash, ScrapeCounts out) {
        if (!admission.admits(infoHash)) {
            out.reset();
            return;
        }
        Stripe stripe = stripeFor(infoHash);
        synchronized (stripe) {
            Swarm swarm = swarmIn(stripe, infoHash);
            if (swarm == null) {
                out.reset();
                out.downloaded = history.storedDownloads(infoHash);
                return;
            }
            out.complete = swarm.complete();
            out.incomplete = swarm.incomplete();
            out.downloaded = swarm.downloads();
        }
    }

    /** Throw-away stand-in until the core's address-peer announce lands on main (replaced by the merge). */
    public void announceAddress(AddressAnnounce request, AddressOutcome out) {
        scrape(request.infoHash, stubCounts);
        out.complete = stubCounts.complete;
        out.incomplete = stubCounts.incomplete;
        out.downloaded = stubCounts.downloaded;
        out.addressLength = request.addressLength;
    }

    private final ScrapeCounts stubCounts = new ScrapeCounts();

    /** Removes every membership the connection registered and marks it closed. Idempotent. */
    public void close(TrackerConnection connection) {
        if (connection.isClosed()) {
            return;
        }
        connection.markClosed();
        metrics.connectionsClosed.increment();
        for (int i = 0; i < connection.registrationCount(); i++) {
            Peer peer = connection.registration(i);
            Stripe stripe = stripeFor(peer.swarm.keyHigh, peer.swarm.keyMiddle, peer.swarm.keyLow);
            synchronized (stripe) {
                if (peer.isMember() && peer.owner == connection) {
                    leave(stripe, peer.swarm, peer);
                }
            }
        }
        connection.clearRegistrations();
    }

    /** Evicts idle peers of the next stripe in turn; returns how many were evicted. */
    public int sweepNextStripe() {
        Stripe stripe = stripes[nextSweepStripe.getAndIncrement() & stripeMask];
        int now = clock.nowSeconds();
        int oldestAllowed = now - tracker.peerTimeoutSeconds();
        int[] evicted = {0};
        synchronized (stripe) {
            List<Swarm> all = new ArrayList<>(stripe.swarms.size());
            stripe.swarms.copyTo(all);
            for (Swarm swarm : all) {
                swarm.evictIdle(oldestAllowed, now, peer -> {
                    leave(stripe, swarm, peer);
                    evicted[0]++;
                });
            }
        }
        metrics.peersEvicted.add(evicted[0]);
        return evicted[0];
    }

    /** The limits this core enforces now. */
    public LimitsConfig limits() {
        return limits;
    }

    /** Stripe {@code index}, for the census ({@link TrackerCensus}), which locks it while it reads. */
    Stripe stripe(int index) {
        return stripes[index];
    }

    public int stripeCount() {
        return stripes.length;
    }

    public int swarmCount() {
        return swarms.get();
    }

    public long peerCount() {
        return peers.get();
    }

    /** Adds an address (HTTP/UDP) peer; the seam later protocols plug into. Such a peer never gets offers. */
    void joinAddressPeer(byte[] infoHash, byte[] peerId, boolean seeder) {
        long ih0 = PackedKey.high(infoHash);
        long ih1 = PackedKey.middle(infoHash);
        int ih2 = PackedKey.low(infoHash);
        Stripe stripe = stripeFor(ih0, ih1, ih2);
        synchronized (stripe) {
            Swarm swarm = stripe.swarms.get(ih0, ih1, ih2);
            if (swarm == null) {
                swarm = newSwarm(stripe, infoHash);
            }
            Peer peer = new Peer(swarm, PackedKey.high(peerId), PackedKey.middle(peerId), PackedKey.low(peerId));
            peer.lastAnnounceSeconds = clock.nowSeconds();
            swarm.join(peer, seeder);
            peers.incrementAndGet();
        }
    }

    /** Peers that hold a pending-offer array; for tests. Takes each stripe lock in turn. */
    int peersHoldingOffers() {
        int holding = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                List<Swarm> all = new ArrayList<>();
                stripe.swarms.copyTo(all);
                for (Swarm swarm : all) {
                    holding += swarm.membersHoldingOffers();
                }
            }
        }
        return holding;
    }

    /** True when every swarm's counts match its members; for tests. Takes each stripe lock in turn. */
    boolean countsConsistent() {
        long members = 0;
        int swarmTotal = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                List<Swarm> all = new ArrayList<>();
                stripe.swarms.copyTo(all);
                for (Swarm swarm : all) {
                    if (!swarm.countsConsistent() || swarm.isEmpty()) {
                        return false;
                    }
                    members += swarm.size();
                }
                swarmTotal += all.size();
            }
        }
        return members == peers.get() && swarmTotal == swarms.get();
    }

    private Peer join(Stripe stripe, Swarm swarm, TrackerConnection from, AnnounceRequest request, int now,
            long p0, long p1, int p2, byte[] infoHash, AnnounceOutcome out, LimitsConfig limits) {
        if (from.registrationCount() >= limits.maxSwarmsPerConnection()) {
            refuse(out, TrackerError.TOO_MANY_SWARMS_ON_CONNECTION, swarm);
            return null;
        }
        if (swarm != null && swarm.size() >= limits.maxPeersPerSwarm()) {
            refuse(out, TrackerError.SWARM_FULL, swarm);
            return null;
        }
        if (peers.incrementAndGet() > limits.maxPeers()) {
            peers.decrementAndGet();
            refuse(out, TrackerError.TRACKER_FULL, swarm);
            return null;
        }
        if (swarm == null) {
            swarm = newSwarm(stripe, infoHash);
        }
        Peer peer = new Peer(swarm, p0, p1, p2);
        peer.owner = from;
        peer.lastAnnounceSeconds = now;
        boolean completed = request.event == AnnounceEvent.COMPLETED;
        boolean seeder = request.left == 0 || (completed && request.left == AnnounceRequest.LEFT_UNKNOWN);
        if (completed) {
            swarm.countDownload();
            out.downloadCounted = true;
        }
        swarm.join(peer, seeder);
        from.register(peer);
        return peer;
    }

    /** Applies a re-announce; false when it came before the min interval and was not processed. */
    private static boolean update(Swarm swarm, Peer peer, AnnounceRequest request, int now, TrackerConfig tracker,
            AnnounceOutcome out) {
        if (!request.event.bypassesRateLimit()
                && now - peer.lastAnnounceSeconds < tracker.minAnnounceIntervalSeconds()) {
            return false;
        }
        peer.lastAnnounceSeconds = now;
        if (request.event == AnnounceEvent.COMPLETED && request.left <= 0) {
            if (!peer.isSeeder()) {
                swarm.countDownload();
                out.downloadCounted = true;
            }
            swarm.setSeeder(peer, true);
        } else if (request.left == 0) {
            swarm.setSeeder(peer, true);
        } else if (request.left > 0) {
            swarm.setSeeder(peer, false);
        }
        return true;
    }

    /**
     * True when a connected peer's binding to its connection is over: the connection closed (its memberships
     * are being removed) or the peer has been silent past the peer timeout (the sweep would evict it).
     * A connected owner that announces within the timeout is never displaced. Address peers are not bound.
     */
    private static boolean bindingEnded(Peer peer, int now, TrackerConfig tracker) {
        TrackerConnection owner = peer.owner;
        return owner != null && (owner.isClosed()
                || now - peer.lastAnnounceSeconds > tracker.peerTimeoutSeconds());
    }

    private void leave(Stripe stripe, Swarm swarm, Peer peer) {
        swarm.leave(peer);
        peers.decrementAndGet();
        if (swarm.isEmpty()) {
            stripe.swarms.remove(swarm);
            swarms.decrementAndGet();
        }
    }

    /** A new swarm starts from the downloads stored for its hash, so counts continue across restarts. */
    private Swarm newSwarm(Stripe stripe, byte[] infoHash) {
        Swarm swarm = new Swarm(PackedKey.high(infoHash), PackedKey.middle(infoHash), PackedKey.low(infoHash),
                history.storedDownloads(infoHash));
        stripe.swarms.add(swarm);
        swarms.incrementAndGet();
        return swarm;
    }

    private void purgeStaleRegistrations(TrackerConnection connection) {
        connection.retainRegistrations(peer -> {
            Stripe stripe = stripeFor(peer.swarm.keyHigh, peer.swarm.keyMiddle, peer.swarm.keyLow);
            synchronized (stripe) {
                return peer.isMember() && peer.owner == connection;
            }
        });
    }

    private static void refuse(AnnounceOutcome out, TrackerError error, Swarm swarm) {
        out.error = error;
        fillCounts(out, swarm);
    }

    private static void fillCounts(AnnounceOutcome out, Swarm swarm) {
        if (swarm == null || swarm.isEmpty()) {
            out.complete = 0;
            out.incomplete = 0;
        } else {
            out.complete = swarm.complete();
            out.incomplete = swarm.incomplete();
        }
    }

    private Stripe stripeFor(byte[] infoHash) {
        return stripeFor(PackedKey.high(infoHash), PackedKey.middle(infoHash), PackedKey.low(infoHash));
    }

    /** The swarm of {@code infoHash} in its stripe, or null; the caller holds the stripe lock. */
    private static Swarm swarmIn(Stripe stripe, byte[] infoHash) {
        return stripe.swarms.get(PackedKey.high(infoHash), PackedKey.middle(infoHash), PackedKey.low(infoHash));
    }

    private Stripe stripeFor(long high, long middle, int low) {
        int h = PackedKey.hash(high, middle, low);
        // The table inside a stripe uses the low bits of the same hash; take the stripe from the high bits.
        return stripes[(h >>> 16 ^ h >>> 24) & stripeMask];
    }
}
