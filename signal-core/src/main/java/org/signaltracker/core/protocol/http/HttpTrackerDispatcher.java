package org.signaltracker.core.protocol.http;

import org.signaltracker.core.access.IpAddress;
import org.signaltracker.core.config.ClassicConfig;
import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.limit.MessageBudget;
import org.signaltracker.core.limit.MessageRate;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.time.Clock;
import org.signaltracker.core.tracker.AddressAnnounce;
import org.signaltracker.core.tracker.AddressOutcome;
import org.signaltracker.core.tracker.ScrapeCounts;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * Answers one HTTP tracker request: budget check, decode, the core's decision, the bencoded answer (read it
 * from {@link #bytes()} and {@link #size()}). This is the one place where {@link TrackerError}s of the HTTP
 * tracker become {@code failure reason}s; a refused request is answered like any other, with HTTP 200, as
 * chihaya and bittorrent-tracker do (many clients read the body whatever the status, BEP 31). It never throws
 * on bad input.
 *
 * <p>Not thread-safe: one per event loop, reusing its decoder, queries, outcome and encoder, so that a request
 * allocates nothing here. A reload reaches it through {@link #reconfigure}, called on its loop; its
 * connections share one {@link MessageRate}, as the WebSocket side's do.
 */
public final class HttpTrackerDispatcher {

    static final byte[] RATE_LIMITED_WARNING = BencodeEncoder.ascii(
            "announced sooner than the min interval: counts only, no peers");

    private final TrackerCore core;
    private final TrackerMetrics metrics;
    private final Clock clock;
    private final MessageRate rate;
    private final QueryDecoder decoder = new QueryDecoder();
    private final AnnounceQuery announce = new AnnounceQuery();
    private final ScrapeCounts counts = new ScrapeCounts();
    /** The hash being scraped: the core reads a whole 20-byte array. */
    private final byte[] scrapedHash = new byte[20];
    private ClassicConfig classic;
    private ScrapeQuery scrape;
    private AddressOutcome outcome;
    private final BencodeEncoder encoder;

    public HttpTrackerDispatcher(TrackerCore core, ClassicConfig classic, LimitsConfig limits, TrackerMetrics metrics,
            Clock clock) {
        this.core = core;
        this.metrics = metrics;
        this.clock = clock;
        this.classic = classic;
        this.rate = new MessageRate(limits.messagesPerSecond(), limits.messageBurst());
        this.scrape = new ScrapeQuery(classic.maxScrapeHashes());
        this.outcome = new AddressOutcome(classic.maxNumWant());
        this.encoder = new BencodeEncoder(classic.maxNumWant(), classic.maxScrapeHashes());
    }

    /**
     * Reloaded settings, on this dispatcher's loop: the request rate of every connection of the loop, the
     * intervals, numwant and scrape caps and the {@code ip} parameter's trust from the next request.
     * Allocates anew only what a changed cap resizes.
     */
    public void reconfigure(ClassicConfig next, LimitsConfig limits) {
        rate.set(limits.messagesPerSecond(), limits.messageBurst());
        if (next.maxScrapeHashes() != scrape.capacity()) {
            scrape = new ScrapeQuery(next.maxScrapeHashes());
        }
        if (next.maxNumWant() != outcome.capacity()) {
            outcome = new AddressOutcome(next.maxNumWant());
        }
        encoder.fit(next.maxNumWant(), next.maxScrapeHashes());
        classic = next;
    }

    /** The request budget of a new connection: {@code limits.messagesPerSecond}, like a WebSocket's messages. */
    public MessageBudget newBudget() {
        return new MessageBudget(rate, clock.nowMillis());
    }

    /**
     * An announce from {@code client} (the socket address, or the one a trusted proxy named).
     *
     * @param query the bytes after {@code ?} (none for an announce without a query)
     * @return false when the connection is over its request budget: the answer is a failure, and the
     *         connection should be closed after it
     */
    public boolean announce(byte[] query, int offset, int length, IpAddress client, MessageBudget budget) {
        metrics.httpAnnounces.increment();
        if (!budget.tryAcquire(clock.nowMillis())) {
            fail(TrackerError.MESSAGE_RATE_EXCEEDED);
            return false;
        }
        TrackerError error = decoder.announce(query, offset, length, announce);
        if (error != null) {
            fail(error);
            return true;
        }
        ClassicConfig c = classic;
        AddressAnnounce request = announce.announce;
        IpAddress from = client;
        if (c.ipParameterTrusted() && announce.ipLength > 0) {
            // Rare and off by default: parsing the text may allocate. A host name or a malformed value is ignored.
            IpAddress named = IpAddress.parse(announce.ipParameter());
            from = named != null ? named : client;
        }
        setAddress(request, from);
        request.numWant = Math.min(c.numWant(announce.requestedNumWant), outcome.capacity());
        AddressOutcome out = outcome;
        out.reset();
        core.announceAddress(request, out);
        if (out.error != null) {
            fail(out.error);
            return true;
        }
        encoder.announce(out, announce.compact, announce.noPeerId, c.announceIntervalSeconds(),
                c.minAnnounceIntervalSeconds(), out.rateLimited ? RATE_LIMITED_WARNING : null);
        metrics.httpAnnounceResponses.increment();
        return true;
    }

    /**
     * A scrape (BEP 48) of the hashes the query names, at most {@code classic.maxScrapeHashes}. A hash the
     * tracker does not know or does not serve reads as zeros, as on the WebSocket side. A full scrape (no
     * {@code info_hash}) is refused: it would list every torrent; indexers use {@code /admin/torrents}.
     *
     * @return false when the connection is over its request budget (see {@link #announce})
     */
    public boolean scrape(byte[] query, int offset, int length, MessageBudget budget) {
        metrics.httpScrapes.increment();
        if (!budget.tryAcquire(clock.nowMillis())) {
            fail(TrackerError.MESSAGE_RATE_EXCEEDED);
            return false;
        }
        ScrapeQuery s = scrape;
        TrackerError error = decoder.scrape(query, offset, length, s);
        if (error != null) {
            fail(error);
            return true;
        }
        encoder.beginScrape();
        byte[] hashes = s.hashes();
        for (int i = 0; i < s.count(); i++) {
            System.arraycopy(hashes, i * 20, scrapedHash, 0, 20);
            counts.reset();
            core.scrape(scrapedHash, counts);
            encoder.scrapeFile(hashes, i * 20, counts);
        }
        encoder.endScrape();
        metrics.httpScrapeResponses.increment();
        return true;
    }

    /** The answer's bytes; valid until the next request. */
    public byte[] bytes() {
        return encoder.bytes();
    }

    public int size() {
        return encoder.size();
    }

    private void fail(TrackerError error) {
        metrics.countHttpFailure(error);
        encoder.failure(error);
    }

    /** An IPv4 client (IPv4-mapped included) gets 4 bytes and an IPv4 answer; any other client 16. */
    static void setAddress(AddressAnnounce request, IpAddress client) {
        byte[] a = request.address;
        if (client.isIpv4()) {
            long bits = client.low();
            for (int i = 0; i < 4; i++) {
                a[i] = (byte) (bits >>> (24 - 8 * i));
            }
            request.addressLength = AddressAnnounce.IPV4_BYTES;
        } else {
            for (int i = 0; i < 8; i++) {
                a[i] = (byte) (client.high() >>> (56 - 8 * i));
                a[8 + i] = (byte) (client.low() >>> (56 - 8 * i));
            }
            request.addressLength = AddressAnnounce.IPV6_BYTES;
        }
    }
}
