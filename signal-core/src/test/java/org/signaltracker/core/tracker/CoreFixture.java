package org.signaltracker.core.tracker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.signaltracker.core.config.ClassicConfig;
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
        this(trackerConfig, limits, ClassicConfig.defaults(), admission, history);
    }

    CoreFixture(TrackerConfig trackerConfig, LimitsConfig limits, ClassicConfig classic,
            TorrentAdmission admission, TorrentHistory history) {
        this.trackerConfig = trackerConfig;
        this.core = new TrackerCore(trackerConfig, limits, classic, clock, metrics, admission, history);
    }

    /** Defaults but the address peers' min interval and peer timeout. */
    static ClassicConfig classicWith(int minInterval, int peerTimeout) {
        ClassicConfig d = ClassicConfig.defaults();
        return new ClassicConfig(d.http(), d.udp(), d.udpPort(), d.announceIntervalSeconds(), minInterval,
                peerTimeout, d.defaultNumWant(), d.maxNumWant(), d.maxScrapeHashes(), d.connectionIdSecret(),
                d.trustIpParameter(), d.httpKeepAliveSeconds(), d.udpReceiveBufferBytes());
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

    /**
     * An announce of an address peer at {@code ip} (an IPv4 or IPv6 literal) and {@code port}, answered in
     * an outcome with room for 200 peers.
     */
    AddressOutcome announceAddress(String infoHash, String peerId, String ip, int port, AnnounceEvent event,
            long left, int numWant) {
        AddressOutcome out = new AddressOutcome(200);
        core.announceAddress(addressRequest(infoHash, peerId, ip, port, event, left, numWant), out);
        return out;
    }

    static AddressAnnounce addressRequest(String infoHash, String peerId, String ip, int port,
            AnnounceEvent event, long left, int numWant) {
        AddressAnnounce request = new AddressAnnounce();
        System.arraycopy(id(infoHash), 0, request.infoHash, 0, 20);
        System.arraycopy(id(peerId), 0, request.peerId, 0, 20);
        byte[] address = literal(ip);
        request.address(address, 0, address.length);
        request.port = port;
        request.event = event;
        request.left = left;
        request.numWant = numWant;
        return request;
    }

    /** The bytes of an IP literal (never a DNS lookup: a literal is parsed). */
    static byte[] literal(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
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
