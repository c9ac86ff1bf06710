package org.signaltracker.core.tracker;

import java.nio.charset.StandardCharsets;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.time.ManualClock;

/** A core with a manual clock plus helpers that build announces; one per test. Not thread-safe. */
final class CoreFixture {

    final ManualClock clock = new ManualClock();
    final TrackerMetrics metrics = new TrackerMetrics();
    final TrackerConfig trackerConfig;
    final TrackerCore core;

    CoreFixture() {
        this(TrackerConfig.defaults(), LimitsConfig.defaults());
    }

    CoreFixture(TrackerConfig trackerConfig, LimitsConfig limits) {
        this(trackerConfig, limits, TorrentAdmission.ALL, TorrentHistory.NONE);
    }

    CoreFixture(TorrentAdmission admission, TorrentHistory history) {
        this(TrackerConfig.defaults(), LimitsConfig.defaults(), admission, history);
    }

    CoreFixture(TrackerConfig trackerConfig, LimitsConfig limits, TorrentAdmission admission,
            TorrentHistory history) {
        this.trackerConfig = trackerConfig;
        this.core = new TrackerCore(trackerConfig, limits, clock, metrics, admission, history);
    }

    static TrackerConfig trackerWith(int minInterval, int peerTimeout, int maxOffers) {
        TrackerConfig d = TrackerConfig.defaults();
        return new TrackerConfig(d.announceIntervalSeconds(), minInterval, peerTimeout, d.sweepIntervalSeconds(),
                maxOffers, d.maxScrapeHashes(), 4);
    }

    static LimitsConfig limitsWith(int swarmsPerConnection, int peersPerSwarm, int peers) {
        LimitsConfig d = LimitsConfig.defaults();
        return new LimitsConfig(swarmsPerConnection, peersPerSwarm, peers, d.messagesPerSecond(), d.messageBurst(),
                d.maxConnections());
    }

    TrackerConnection connect() {
        return core.openConnection(new RecordingPeerSession());
    }

    /** A 20-byte id made from a short name, padded with '-'. */
    static byte[] id(String name) {
        byte[] out = new byte[20];
        byte[] raw = name.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 20; i++) {
            out[i] = i < raw.length ? raw[i] : (byte) '-';
        }
        return out;
    }

    AnnounceOutcome announce(TrackerConnection from, String infoHash, String peerId, AnnounceEvent event,
            long left, int offers) {
        return announce(from, infoHash, peerId, event, left, offers, AnnounceRequest.NUMWANT_ABSENT);
    }

    AnnounceOutcome announce(TrackerConnection from, String infoHash, String peerId, AnnounceEvent event,
            long left, int offers, int numWant) {
        AnnounceRequest request = new AnnounceRequest();
        System.arraycopy(id(infoHash), 0, request.infoHash, 0, 20);
        System.arraycopy(id(peerId), 0, request.peerId, 0, 20);
        request.event = event;
        request.left = left;
        request.offerCount = offers;
        request.numWant = numWant;
        for (int i = 0; i < offers && i < AnnounceRequest.MAX_OFFERS; i++) {
            request.offerKeys[i] = offerKey(offerId(peerId, i));
        }
        AnnounceOutcome out = new AnnounceOutcome(trackerConfig.maxOffersPerAnnounce());
        core.announce(from, request, out);
        return out;
    }

    /** The offer_id this fixture gives offer {@code index} of an announce by {@code peerId}. */
    static String offerId(String peerId, int index) {
        return peerId + "/offer" + index;
    }

    static long offerKey(String offerId) {
        byte[] chars = offerId.getBytes(StandardCharsets.ISO_8859_1);
        return AnnounceRequest.offerKey(chars, chars.length);
    }

    /** An answer from {@code fromPeerId} to {@code toPeerId} for {@code offerId}, as the core routes it. */
    AnswerRoute answer(TrackerConnection from, String infoHash, String fromPeerId, String toPeerId, String offerId) {
        AnswerRoute route = new AnswerRoute();
        core.routeAnswer(from, id(infoHash), id(fromPeerId), id(toPeerId), offerKey(offerId), route);
        return route;
    }

    ScrapeCounts scrape(String infoHash) {
        ScrapeCounts counts = new ScrapeCounts();
        core.scrape(id(infoHash), counts);
        return counts;
    }
}
