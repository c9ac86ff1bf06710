package org.signaltracker.bench.load;

import java.util.SplittableRandom;

/**
 * One simulated BitTorrent client of the classic scenarios and the life of its announces: it picks a
 * torrent by popularity ({@link GammaSampler}), announces {@code started}, then plain updates, a leecher
 * now and then {@code completed}, and after {@link #MEAN_ANNOUNCES_PER_TORRENT} announces on average
 * {@code stopped} (asking for no peers, as libtorrent does), and moves on to another torrent. It also
 * decides what its next request is, by the configured weights. Confined to one event loop.
 */
final class ClassicPeer {

    /** Announces per torrent on average, started and stopped included. */
    static final int MEAN_ANNOUNCES_PER_TORRENT = 8;
    /** The bytes a leecher has left to download (any positive value makes it a leecher). */
    static final long LEECHER_LEFT = 1_000_000;

    enum Event {
        NONE(0, null), COMPLETED(1, "completed"), STARTED(2, "started"), STOPPED(3, "stopped");

        /** BEP 15's number for the event (not the order of HTTP's names). */
        final int udp;
        /** The HTTP query value, or null for none. */
        final String http;

        Event(int udp, String http) {
            this.udp = udp;
            this.http = http;
        }
    }

    enum Kind { CONNECT, ANNOUNCE, SCRAPE }

    final int index;
    /** The port this client says it listens on: distinct per client, so every client is its own peer. */
    final int port;
    final byte[] peerId = new byte[20];
    final int key;
    private final SplittableRandom random;
    private final GammaSampler gamma;
    private final LoadConfig config;

    private int torrent = -1;
    private long left;
    private int announcesLeft;
    /** The last announce's values, set by {@link #nextAnnounce}. */
    int announceTorrent;
    Event announceEvent;
    long announceLeft;
    int announceNumWant;

    ClassicPeer(LoadConfig config, int index) {
        this.config = config;
        this.index = index;
        this.port = 1024 + index % 64_000;
        this.random = new SplittableRandom(config.seed() * 1_000_003L + index);
        this.gamma = new GammaSampler(config.gammaShape(), config.gammaScale(), random);
        this.key = random.nextInt();
        byte[] prefix = {'-', 'S', 'T', '0', '0', '0', '1', '-'};
        System.arraycopy(prefix, 0, peerId, 0, prefix.length);
        String digits = String.format("%012d", index);
        for (int i = 0; i < 12; i++) {
            peerId[8 + i] = (byte) digits.charAt(i);
        }
    }

    /** The next request by weight; {@code connected} false forces a connect (UDP without a valid id). */
    Kind nextKind(boolean connected, boolean udp) {
        if (udp && !connected) {
            return Kind.CONNECT;
        }
        LoadConfig.Classic c = config.classic();
        int connect = udp ? c.weightConnect() : 0;
        int draw = random.nextInt(connect + c.weightAnnounce() + c.weightScrape());
        if (draw < connect) {
            return Kind.CONNECT;
        }
        return draw < connect + c.weightAnnounce() ? Kind.ANNOUNCE : Kind.SCRAPE;
    }

    /** Moves this client's life on by one announce and sets the {@code announce*} fields for it. */
    void nextAnnounce() {
        Event event;
        if (torrent < 0) {
            torrent = gamma.torrent(config.torrents());
            left = random.nextDouble() < config.seederShare() ? 0 : LEECHER_LEFT;
            announcesLeft = 2 + random.nextInt(2 * MEAN_ANNOUNCES_PER_TORRENT - 3);
            event = Event.STARTED;
        } else if (--announcesLeft <= 1) {
            event = Event.STOPPED;
        } else if (left > 0 && random.nextInt(MEAN_ANNOUNCES_PER_TORRENT) == 0) {
            left = 0;
            event = Event.COMPLETED;
        } else {
            event = Event.NONE;
        }
        announceTorrent = torrent;
        announceEvent = event;
        announceLeft = left;
        announceNumWant = event == Event.STOPPED ? 0 : config.classic().numWant();
        if (event == Event.STOPPED) {
            torrent = -1;
        }
    }

    /** A torrent for a scrape, by popularity. */
    int scrapeTorrent() {
        return gamma.torrent(config.torrents());
    }
}
