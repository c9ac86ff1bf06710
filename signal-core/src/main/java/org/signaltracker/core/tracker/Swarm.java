package org.signaltracker.core.tracker;

import java.util.SplittableRandom;

/**
 * The peers of one info hash. Connected (WebSocket) peers live in one dense array, seeders first and
 * leechers after a boundary, so add, remove, promote and demote are O(1) swaps and any index below the
 * count is a candidate for an offer. Address peers (HTTP/UDP trackers) live in one {@link AddressGroup}
 * per family: they count in scrapes but are never offered to (they cannot take a WebRTC offer), and they
 * are looked up by endpoint in their group only, never in the id lookup of the connected peers.
 *
 * <p>Shaped for memory, because most swarms hold one or two peers: a lone connected peer is held in the
 * {@code members} field itself, with no array; the id table is built only past {@link #INDEX_THRESHOLD}
 * peers (below that a scan of a few keys is as fast); an address group exists only once used. A
 * one-peer swarm costs 56 bytes plus its 56-byte peer.
 *
 * <p>Not thread-safe: guarded by the lock of the stripe that holds it.
 */
final class Swarm extends PackedKey {

    /** Peers beyond which lookups use a hash table instead of a scan. */
    static final int INDEX_THRESHOLD = 8;

    /** null, a single connected {@link Peer}, or a {@code Peer[]}: seeders in [0, seeders), leechers up to count. */
    private Object members;
    private int count;
    private int seeders;
    private KeyedTable<Peer> byId;
    /**
     * Address peers: null while there are none; the {@link AddressGroup} of the one family present (the
     * usual case); or {@code AddressGroup[2]} (IPv4, IPv6) while both are. One field keeps the swarm at 56
     * bytes, and the array is paid for only by swarms that hold both families.
     */
    private Object address;
    /**
     * Completed downloads: those stored before the swarm was created (see {@link TorrentHistory}) plus the
     * peers that announced {@code completed} here since; saturates at 2^31 - 1.
     */
    private int downloads;
    /** The second (the core's clock) its activity was last reported to the history; 0: never. */
    private int reportedSecond;

    Swarm(long high, long middle, int low) {
        this(high, middle, low, 0);
    }

    Swarm(long high, long middle, int low, int storedDownloads) {
        super(high, middle, low);
        this.downloads = Math.max(0, storedDownloads);
    }

    /**
     * Whether activity at {@code now} is news for the history: once per second is enough for last-seen
     * times, and it keeps the history's own lock off most announces of a busy swarm.
     */
    boolean reportDue(int now) {
        if (reportedSecond == now) {
            return false;
        }
        reportedSecond = now;
        return true;
    }

    Peer find(long high, long middle, int low) {
        if (byId != null) {
            return byId.get(high, middle, low);
        }
        for (int i = 0; i < count; i++) {
            Peer peer = member(i);
            if (peer.hasKey(high, middle, low)) {
                return peer;
            }
        }
        return null;
    }

    /** The address group of a family (4 or 16 address bytes), or null while it has no peer. */
    AddressGroup addressGroup(int addressLength) {
        Object a = address;
        if (a instanceof AddressGroup group) {
            return group.addressLength() == addressLength ? group : null;
        }
        return a == null ? null : ((AddressGroup[]) a)[familyIndex(addressLength)];
    }

    /** The address group of family {@code index} (0 IPv4, 1 IPv6), or null. */
    private AddressGroup addressGroupAt(int index) {
        return addressGroup(index == 0 ? AddressAnnounce.IPV4_BYTES : AddressAnnounce.IPV6_BYTES);
    }

    /** The address peer at this endpoint ({@link Endpoint}), or null. */
    AddressPeer findAddress(long high, long middle, int low) {
        AddressGroup group = addressGroup(Endpoint.addressLength(low));
        return group == null ? null : group.find(high, middle, low);
    }

    long downloads() {
        return downloads;
    }

    void countDownload() {
        if (downloads != Integer.MAX_VALUE) {
            downloads++;
        }
    }

    /** Address peers of both families. */
    int addressSize() {
        Object a = address;
        if (a instanceof AddressGroup group) {
            return group.count();
        }
        return a == null ? 0 : ((AddressGroup[]) a)[0].count() + ((AddressGroup[]) a)[1].count();
    }

    private int addressSeeders() {
        Object a = address;
        if (a instanceof AddressGroup group) {
            return group.seeders();
        }
        return a == null ? 0 : ((AddressGroup[]) a)[0].seeders() + ((AddressGroup[]) a)[1].seeders();
    }

    int size() {
        return count + addressSize();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    int complete() {
        return seeders + addressSeeders();
    }

    int incomplete() {
        return count - seeders + addressSize() - addressSeeders();
    }

    /** Adds a connected peer, or an address peer to the group of its family. */
    void join(Peer peer, boolean seeder) {
        if (peer instanceof AddressPeer addressPeer) {
            joinAddress(addressPeer, seeder);
            return;
        }
        ensureCapacity(count + 1);
        if (seeder) {
            // Open a slot at the boundary: the first leecher moves to the end.
            if (seeders < count) {
                put(count, member(seeders), false);
            }
            put(seeders, peer, true);
            seeders++;
        } else {
            put(count, peer, false);
        }
        count++;
        if (byId != null) {
            byId.add(peer);
        } else if (count > INDEX_THRESHOLD) {
            buildIndex();
        }
    }

    void leave(Peer peer) {
        if (peer instanceof AddressPeer addressPeer) {
            leaveAddress(addressPeer);
            return;
        }
        int at = peer.index();
        if (peer.isSeeder()) {
            int lastSeeder = seeders - 1;
            if (at != lastSeeder) {
                put(at, member(lastSeeder), true);
            }
            at = lastSeeder;
            seeders--;
        }
        // Now the hole is at 'at' inside the leecher range (or the old boundary): fill it from the end.
        int last = count - 1;
        if (at != last) {
            put(at, member(last), false);
        }
        clear(last);
        count--;
        shrink();
        peer.position = -1;
        if (byId != null) {
            byId.remove(peer);
            if (count <= INDEX_THRESHOLD / 2) {
                byId = null;
            }
        }
    }

    /**
     * Applies the seeder status a re-announce reports; true when it counted a download ({@code completed}
     * from a peer that was leeching: a repeated {@code completed} counts nothing).
     */
    boolean applyStatus(Peer peer, AnnounceEvent event, long left) {
        boolean counted = false;
        if (event == AnnounceEvent.COMPLETED && left <= 0) {
            if (!peer.isSeeder()) {
                countDownload();
                counted = true;
            }
            setSeeder(peer, true);
        } else if (left == 0) {
            setSeeder(peer, true);
        } else if (left > 0) {
            setSeeder(peer, false);
        }
        return counted;
    }

    void setSeeder(Peer peer, boolean seeder) {
        if (peer.isSeeder() == seeder) {
            return;
        }
        if (peer instanceof AddressPeer addressPeer) {
            addressGroup(addressPeer.addressLength()).setSeeder(addressPeer, seeder);
            return;
        }
        int at = peer.index();
        if (seeder) {
            // Swap with the first leecher, then move the boundary past it.
            Peer first = member(seeders);
            put(at, first, false);
            put(seeders, peer, true);
            seeders++;
        } else {
            int lastSeeder = seeders - 1;
            Peer other = member(lastSeeder);
            put(at, other, true);
            put(lastSeeder, peer, false);
            seeders--;
        }
    }

    /**
     * Picks up to {@code out.targets.length} distinct receivers for the caller's offers (no more than
     * {@code wanted}) and records offer {@code i} (keyed {@code offerKeys[i]}) in the pending offers of the
     * receiver written to {@code out.targets[i]}; sets {@code out.targetCount}. A peer is passed over when it
     * is the caller or its connection is closed; when the caller is a seeder and it is one too (two seeders
     * have nothing to trade, so the walk covers only the leechers); when it has an offer to the caller still
     * unanswered (glare: two crossing offers can make both connections fail); or when it already has
     * {@link PendingOffers#CAPACITY} other senders' offers in flight (counted in {@code out.receiversBusy}).
     *
     * <p>Walks the candidates from a random start with a random stride coprime to their number: every peer is
     * visited at most once, the walk allocates nothing (but a receiver's first pending-offer array) and stops
     * after O(wanted) steps in the usual case.
     */
    void chooseReceivers(Peer caller, long callerHash, long[] offerKeys, int wanted, int now, Stripe stripe,
            AnnounceOutcome out) {
        // Seeders sit in [0, seeders), leechers in [seeders, count).
        int base = caller.isSeeder() ? seeders : 0;
        int n = count - base;
        out.targetCount = 0;
        if (wanted <= 0 || n <= 0) {
            return;
        }
        SplittableRandom random = stripe.random;
        long[] callerPending = caller.offers;
        int index = random.nextInt(n);
        int stride = coprimeStride(n, random);
        int chosen = 0;
        for (int step = 0; step < n && chosen < wanted; step++) {
            Peer peer = member(base + index);
            if (peer != caller && !peer.owner.isClosed()
                    && (callerPending == null || !PendingOffers.hasLiveFrom(callerPending,
                            PendingOffers.senderHash(peer.keyHigh, peer.keyMiddle, peer.keyLow, stripe.idSeed), now))) {
                if (recordOffer(peer, callerHash, offerKeys[chosen], now)) {
                    out.targets[chosen++] = peer.owner;
                } else {
                    out.receiversBusy++;
                }
            }
            index += stride;
            if (index >= n) {
                index -= n;
            }
        }
        out.targetCount = chosen;
    }

    /**
     * Evicts connected members that last announced before {@code oldestAllowedSeconds} and address peers
     * that last announced before {@code oldestAddressAllowed} (the classic trackers have a timeout of their
     * own), and drops the pending-offer array of every member whose entries have all died. Visits peers
     * from the last to the first, so the visitor may remove the peer it is given.
     */
    void evictIdle(int oldestAllowedSeconds, int oldestAddressAllowed, int now, IdleEviction eviction) {
        // Removing index i only moves peers from higher indexes (already visited) into i.
        for (int i = count - 1; i >= 0; i--) {
            Peer peer = member(i);
            if (peer.lastAnnounceSeconds - oldestAllowedSeconds < 0) {
                eviction.evict(peer);
            } else if (peer.offers != null && !PendingOffers.anyLive(peer.offers, now)) {
                peer.offers = null;
            }
        }
        // A group may be dropped (and the field reshaped) once its last peer leaves: look each one up afresh.
        for (int family = 0; family < 2; family++) {
            AddressGroup group = addressGroupAt(family);
            if (group != null) {
                group.evictIdle(oldestAddressAllowed, eviction);
            }
        }
    }

    /** Records an offer from {@code sender} with {@code receiver}; false when its pending offers are full. */
    private static boolean recordOffer(Peer receiver, long sender, long offerKey, int now) {
        long[] slots = receiver.offers;
        int slot;
        if (slots == null) {
            slots = PendingOffers.allocate();
            receiver.offers = slots;
            slot = 0;
        } else {
            slot = PendingOffers.slotFor(slots, sender, now);
            if (slot < 0) {
                return false;
            }
        }
        PendingOffers.put(slots, slot, sender, offerKey, now);
        return true;
    }

    /** Members that hold a pending-offer array; for tests of its lifetime. */
    int membersHoldingOffers() {
        int holding = 0;
        for (int i = 0; i < count; i++) {
            holding += member(i).offers != null ? 1 : 0;
        }
        return holding;
    }

    /** Checks that the counts, positions and index match the members; for tests. */
    boolean countsConsistent() {
        for (int i = 0; i < count; i++) {
            Peer peer = member(i);
            if (peer.index() != i || peer.isSeeder() != (i < seeders) || peer.swarm != this) {
                return false;
            }
        }
        if (address instanceof AddressGroup[] both && (both.length != 2 || both[0] == null || both[1] == null)) {
            return false;
        }
        int[] lengths = {AddressAnnounce.IPV4_BYTES, AddressAnnounce.IPV6_BYTES};
        for (int family = 0; family < 2; family++) {
            AddressGroup group = addressGroupAt(family);
            if (group != null && (group.count() == 0 || !group.countsConsistent(this, lengths[family]))) {
                return false;
            }
        }
        if (byId == null) {
            return count <= INDEX_THRESHOLD;
        }
        for (int i = 0; i < count; i++) {
            Peer peer = member(i);
            if (byId.get(peer.keyHigh, peer.keyMiddle, peer.keyLow) != peer) {
                return false;
            }
        }
        return byId.size() == count;
    }

    /**
     * Hands every peer, connected and address (with the peer id it announced, not its endpoint key), to
     * {@code visitor}; for the stats census, under the stripe lock.
     */
    void visit(PeerVisitor visitor) {
        for (int i = 0; i < count; i++) {
            Peer peer = member(i);
            visitor.peer(peer.keyHigh, peer.keyMiddle, peer.keyLow, peer.isSeeder(), peer.owner.session());
        }
        visitAddress(addressGroupAt(0), visitor);
        visitAddress(addressGroupAt(1), visitor);
    }

    private static void visitAddress(AddressGroup group, PeerVisitor visitor) {
        if (group == null) {
            return;
        }
        for (int i = 0; i < group.count(); i++) {
            AddressPeer peer = group.peer(i);
            visitor.peer(peer.idHigh, peer.idMiddle, peer.idLow, peer.isSeeder(), null);
        }
    }

    private Peer member(int index) {
        Object m = members;
        return m instanceof Peer single ? single : ((Peer[]) m)[index];
    }

    private void put(int index, Peer peer, boolean seeder) {
        if (members instanceof Peer[] array) {
            array[index] = peer;
        } else {
            members = peer;
        }
        peer.place(index, seeder);
    }

    private void clear(int index) {
        if (members instanceof Peer[] array) {
            array[index] = null;
        } else {
            members = null;
        }
    }

    /** Makes room for {@code needed} connected peers; a single peer needs no array. */
    private void ensureCapacity(int needed) {
        if (needed == 1 && members == null) {
            return;
        }
        Peer[] array = members instanceof Peer[] a ? a : null;
        if (array != null && array.length >= needed) {
            return;
        }
        Peer[] bigger = new Peer[Math.max(2, needed + (needed >> 1))];
        if (array != null) {
            System.arraycopy(array, 0, bigger, 0, count);
        } else if (members != null) {
            bigger[0] = (Peer) members;
        }
        members = bigger;
    }

    private void shrink() {
        if (!(members instanceof Peer[] array)) {
            return;
        }
        if (count == 0) {
            members = null;
        } else if (count == 1) {
            members = array[0];
        } else if (count * 4 < array.length && array.length > 8) {
            Peer[] smaller = new Peer[count * 2];
            System.arraycopy(array, 0, smaller, 0, count);
            members = smaller;
        }
    }

    private void joinAddress(AddressPeer peer, boolean seeder) {
        int length = peer.addressLength();
        AddressGroup group = addressGroup(length);
        if (group != null) {
            group.join(peer, seeder);
            return;
        }
        group = new AddressGroup();
        group.join(peer, seeder);
        Object a = address;
        if (a == null) {
            address = group;
        } else if (a instanceof AddressGroup other) {
            // The second family arrives: both groups go into the array.
            AddressGroup[] both = new AddressGroup[2];
            both[familyIndex(other.addressLength())] = other;
            both[familyIndex(length)] = group;
            address = both;
        } else {
            ((AddressGroup[]) a)[familyIndex(length)] = group;
        }
    }

    private void leaveAddress(AddressPeer peer) {
        int length = peer.addressLength();
        AddressGroup group = addressGroup(length);
        group.leave(peer);
        if (group.count() > 0) {
            return;
        }
        Object a = address;
        // An emptied group goes; with both families present, the other one is left on its own.
        address = a == group ? null : ((AddressGroup[]) a)[1 - familyIndex(length)];
    }

    private static int familyIndex(int addressLength) {
        return addressLength == AddressAnnounce.IPV6_BYTES ? 1 : 0;
    }

    private void buildIndex() {
        KeyedTable<Peer> table = new KeyedTable<>(count * 2);
        for (int i = 0; i < count; i++) {
            table.add(member(i));
        }
        byId = table;
    }

    /** A stride in [1, n) coprime to {@code n}, so a walk of n steps visits every index once. */
    static int coprimeStride(int n, SplittableRandom random) {
        if (n <= 2) {
            return 1;
        }
        while (true) {
            int candidate = 1 + random.nextInt(n - 1);
            if (gcd(candidate, n) == 1) {
                return candidate;
            }
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Called for each idle peer found by {@link #evictIdle}. */
    interface IdleEviction {
        void evict(Peer peer);
    }
}
