package org.signaltracker.core.tracker;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.signaltracker.core.config.ClassicConfig;
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
 * <p>Address peers (HTTP and UDP trackers, {@link #announceAddress}) share the swarms: they count in every
 * count, are keyed by their endpoint in a lookup of their own (never found by a WebSocket peer id, nor a
 * WebSocket peer by an endpoint), are answered with peers of their own family only, and follow the
 * {@code classic} section's min interval and peer timeout.
 *
 * <p>Live settings: a reload hands in new tracker, limits and classic settings through {@link #reconfigure}; each
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
    private volatile ClassicConfig classic;
    private final Clock clock;
    private final TrackerMetrics metrics;
    private final Stripe[] stripes;
    private final int stripeMask;
    private final AtomicLong peers = new AtomicLong();
    private final AtomicLong addressPeers = new AtomicLong();
    private final AtomicInteger swarms = new AtomicInteger();
    private final AtomicInteger nextSweepStripe = new AtomicInteger();
    private final TorrentAdmission admission;
    private final TorrentHistory history;
    private final AddressSwarmRules addressRules;

    /** A core that serves every info hash and stores nothing (no database). */
    public TrackerCore(TrackerConfig tracker, LimitsConfig limits, Clock clock, TrackerMetrics metrics) {
        this(tracker, limits, clock, metrics, TorrentAdmission.ALL, TorrentHistory.NONE);
    }

    /** A core with the default {@code classic} timing (min interval and peer timeout of address peers). */
    public TrackerCore(TrackerConfig tracker, LimitsConfig limits, Clock clock, TrackerMetrics metrics,
            TorrentAdmission admission, TorrentHistory history) {
        this(tracker, limits, ClassicConfig.defaults(), clock, metrics, admission, history);
    }

    /**
     * @param classic   the min interval and peer timeout of address (HTTP/UDP) peers
     * @param admission which info hashes are served (the torrent policy), asked on every announce and scrape
     * @param history   stored completed counts, and where activity is reported to be stored behind the path
     */
    public TrackerCore(TrackerConfig tracker, LimitsConfig limits, ClassicConfig classic, Clock clock,
            TrackerMetrics metrics, TorrentAdmission admission, TorrentHistory history) {
        int count = tracker.lockStripes();
        if (count <= 0 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("tracker.lockStripes: " + count + " (expected: a power of two)");
        }
        this.tracker = tracker;
        this.limits = limits;
        this.classic = classic;
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
        this.addressRules = new AddressSwarmRules(this, admission, history, metrics, clock);
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

    /** As {@link #reconfigure(TrackerConfig, LimitsConfig)}, with the address peers' timing too. */
    public void reconfigure(TrackerConfig nextTracker, LimitsConfig nextLimits, ClassicConfig nextClassic) {
        this.classic = nextClassic;
        reconfigure(nextTracker, nextLimits);
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
     * Applies one announce of an address (HTTP/UDP) peer and fills {@code out}, which the caller has reset.
     * The peer is its endpoint (address and port): the same endpoint with another peer id is the same peer
     * (its id is replaced), the same id from another port is another peer. Rules as for {@link #announce}:
     * the torrent policy; {@code stopped} leaves; an announce without an event sooner than
     * {@code classic.minAnnounceIntervalSeconds} after the last processed one changes nothing
     * ({@code out.rateLimited}); a join obeys {@code maxPeersPerSwarm} and {@code maxPeers}; {@code completed}
     * counts one download per peer. The answer holds up to {@code numWant} peers (and no more than
     * {@code out.capacity()}) of the caller's family, never the caller and never a WebSocket peer, and only
     * leechers for a seeder; refused, rate-limited and stopped announces get counts only.
     *
     * @throws IllegalArgumentException when the address length is not 4 or 16 or the port is not 1..65535
     *                                  (the transport checks both before it calls)
     */
    public void announceAddress(AddressAnnounce request, AddressOutcome out) {
        addressRules.announce(request, out, classic, limits);
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
        int oldestAddressAllowed = now - classic.peerTimeoutSeconds();
        int[] evicted = {0};
        synchronized (stripe) {
            List<Swarm> all = new ArrayList<>(stripe.swarms.size());
            stripe.swarms.copyTo(all);
            for (Swarm swarm : all) {
                swarm.evictIdle(oldestAllowed, oldestAddressAllowed, now, peer -> {
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

    /** Memberships of address (HTTP/UDP) peers, part of {@link #peerCount}. */
    public long addressPeerCount() {
        return addressPeers.get();
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
        long address = 0;
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
                    address += swarm.addressSize();
                }
                swarmTotal += all.size();
            }
        }
        return members == peers.get() && address == addressPeers.get() && swarmTotal == swarms.get();
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
        if (!reservePeer(limits, false)) {
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
        if (swarm.applyStatus(peer, request.event, request.left)) {
            out.downloadCounted = true;
        }
        return true;
    }

    /**
     * True when a connected peer's binding to its connection is over: the connection closed (its memberships
     * are being removed) or the peer has been silent past the peer timeout (the sweep would evict it).
     * A connected owner that announces within the timeout is never displaced. (Address peers are never
     * found by a peer id, so every peer here has an owner.)
     */
    private static boolean bindingEnded(Peer peer, int now, TrackerConfig tracker) {
        return peer.owner.isClosed() || now - peer.lastAnnounceSeconds > tracker.peerTimeoutSeconds();
    }

    /**
     * Counts a peer about to join against {@code limits.maxPeers}; false (and nothing counted) when the
     * tracker is full. The caller holds the stripe lock and joins the peer when this returns true.
     */
    boolean reservePeer(LimitsConfig limits, boolean address) {
        if (peers.incrementAndGet() > limits.maxPeers()) {
            peers.decrementAndGet();
            return false;
        }
        if (address) {
            addressPeers.incrementAndGet();
        }
        return true;
    }

    /** Removes a peer of any kind, and its swarm once empty; the caller holds the stripe lock. */
    void leave(Stripe stripe, Swarm swarm, Peer peer) {
        swarm.leave(peer);
        peers.decrementAndGet();
        if (peer instanceof AddressPeer) {
            addressPeers.decrementAndGet();
        }
        if (swarm.isEmpty()) {
            stripe.swarms.remove(swarm);
            swarms.decrementAndGet();
        }
    }

    /** A new swarm starts from the downloads stored for its hash, so counts continue across restarts. */
    Swarm newSwarm(Stripe stripe, byte[] infoHash) {
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

    Stripe stripeFor(long high, long middle, int low) {
        int h = PackedKey.hash(high, middle, low);
        // The table inside a stripe uses the low bits of the same hash; take the stripe from the high bits.
        return stripes[(h >>> 16 ^ h >>> 24) & stripeMask];
    }
}
