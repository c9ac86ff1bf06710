package org.signaltracker.core.protocol.webtorrent;

import org.signaltracker.core.config.LimitsConfig;
import org.signaltracker.core.config.TrackerConfig;
import org.signaltracker.core.error.TrackerError;
import org.signaltracker.core.limit.MessageRate;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.core.protocol.json.JsonSyntax;
import org.signaltracker.core.session.CloseCode;
import org.signaltracker.core.session.PeerSession;
import org.signaltracker.core.session.SessionProtocol;
import org.signaltracker.core.time.Clock;
import org.signaltracker.core.tracker.AnnounceOutcome;
import org.signaltracker.core.tracker.AnswerRoute;
import org.signaltracker.core.tracker.ScrapeCounts;
import org.signaltracker.core.tracker.TrackerConnection;
import org.signaltracker.core.tracker.TrackerCore;

/**
 * Handles one complete WebTorrent message from a connection: budget check, decode, the core's decision,
 * then the reply and relays through {@link PeerSession#send}. This is the one place where
 * {@link TrackerError}s become wire failures. It never throws on bad input.
 *
 * <p>Not thread-safe: one per event loop, reusing its decoder, encoder and outcome objects so a relayed
 * offer costs no allocation here beyond what the session copies. Sends happen after the core has released
 * its stripe lock. A reload reaches it through {@link #reconfigure}, called on its loop: the loop's
 * connections share one {@link MessageRate}, so plain fields suffice and no message pays a volatile read.
 */
public final class WebTorrentDispatcher implements SessionProtocol<TrackerConnection, Void> {

    static final String RATE_LIMITED_WARNING =
            "announced sooner than the min interval: counts only, no offers were relayed";
    static final String JUNK_OFFERS_WARNING = "some offers were malformed (need offer and offer_id) and were skipped";

    private final TrackerCore core;
    private final TrackerMetrics metrics;
    private final Clock clock;
    private final MessageRate rate;
    private int floodCloseAfter;
    private WebTorrentDecoder decoder;
    private final WebTorrentEncoder encoder;
    private AnnounceOutcome outcome;
    private final AnswerRoute route = new AnswerRoute();
    private final ScrapeCounts counts = new ScrapeCounts();
    private byte[] copy = new byte[0];

    public WebTorrentDispatcher(TrackerCore core, TrackerConfig tracker, TrackerMetrics metrics, Clock clock) {
        this.core = core;
        this.metrics = metrics;
        this.clock = clock;
        LimitsConfig limits = core.limits();
        this.rate = new MessageRate(limits.messagesPerSecond(), limits.messageBurst());
        this.floodCloseAfter = limits.messageBurst();
        this.decoder = new WebTorrentDecoder(tracker.maxOffersPerAnnounce(), tracker.maxScrapeHashes());
        this.encoder = new WebTorrentEncoder(tracker);
        this.outcome = new AnnounceOutcome(tracker.maxOffersPerAnnounce());
    }

    /**
     * Reloaded settings, on this dispatcher's loop: the message rate (every connection of the loop refills
     * at it from its next message), the flood threshold, the offer and scrape caps of the next decode, and
     * the intervals of the next reply. Allocates the decoder and outcome anew only when a cap changed.
     */
    public void reconfigure(TrackerConfig tracker, LimitsConfig limits) {
        rate.set(limits.messagesPerSecond(), limits.messageBurst());
        floodCloseAfter = limits.messageBurst();
        if (!decoder.hasCaps(tracker.maxOffersPerAnnounce(), tracker.maxScrapeHashes())) {
            decoder = new WebTorrentDecoder(tracker.maxOffersPerAnnounce(), tracker.maxScrapeHashes());
            outcome = new AnnounceOutcome(tracker.maxOffersPerAnnounce());
        }
        encoder.intervals(tracker);
    }

    /** A connection joins the tracker; it needs no grant: every upgrade path but signaling's is the tracker's. */
    @Override
    public TrackerConnection open(PeerSession session, Void grant) {
        return core.openConnection(session, rate);
    }

    /** The connection's swarm memberships go at once. */
    @Override
    public void onClose(TrackerConnection conn) {
        core.close(conn);
    }

    /** A message from a binary frame, or from a caller that checked UTF-8 itself. */
    public void onMessage(TrackerConnection conn, byte[] buf, int offset, int length) {
        onMessage(conn, buf, offset, length, false);
    }

    /**
     * One complete message. For a text message ({@code text}) invalid UTF-8 closes the connection with 1007
     * as RFC 6455 requires; the strict JSON check finds it, so valid messages are scanned only once.
     */
    @Override
    public void onMessage(TrackerConnection conn, byte[] buf, int offset, int length, boolean text) {
        metrics.messagesReceived.increment();
        if (!conn.budget().tryAcquire(clock.nowMillis())) {
            overBudget(conn);
            return;
        }
        conn.resetOverBudget();
        if (offset != 0) {
            // The JSON reader reads from index 0; transports normally hand us a buffer that starts there.
            if (copy.length < length) {
                copy = new byte[length];
            }
            System.arraycopy(buf, offset, copy, 0, length);
            buf = copy;
        }
        InboundMessage m;
        try {
            m = decoder.decode(buf, length);
        } catch (RuntimeException unexpected) {
            // The decoder is meant to turn every input into a message or an error; should a bug slip
            // through, the client still gets a failure with action and keeps its connection.
            metrics.countFailure(TrackerError.MALFORMED_JSON);
            encoder.failure(TrackerError.MALFORMED_JSON, false, null);
            conn.session().send(encoder.bytes(), 0, encoder.size());
            return;
        }
        if (m.error != null) {
            if (text && m.error == TrackerError.MALFORMED_JSON && !JsonSyntax.isUtf8(buf, 0, length)) {
                metrics.countFailure(TrackerError.MALFORMED_JSON);
                conn.session().close(CloseCode.INVALID_PAYLOAD.code(), CloseCode.INVALID_PAYLOAD.reason());
                return;
            }
            fail(conn, m.error, m);
            return;
        }
        switch (m.kind) {
            case ANNOUNCE -> announce(conn, m);
            case ANSWER -> answer(conn, m);
            case SCRAPE -> scrape(conn, m);
            default -> throw new IllegalStateException("unhandled kind " + m.kind);
        }
    }

    private void announce(TrackerConnection conn, InboundMessage m) {
        metrics.announces.increment();
        AnnounceOutcome out = outcome;
        out.reset();
        core.announce(conn, m.announce, out);
        if (out.error != null) {
            fail(conn, out.error, m);
            return;
        }
        String warning = out.rateLimited ? RATE_LIMITED_WARNING : m.junkOffers > 0 ? JUNK_OFFERS_WARNING : null;
        encoder.announceResponse(m, out.complete, out.incomplete, warning);
        conn.session().send(encoder.bytes(), 0, encoder.size());
        metrics.announceResponses.increment();
        for (int i = 0; i < out.targetCount; i++) {
            encoder.relayedOffer(m, i);
            if (out.targets[i].session().send(encoder.bytes(), 0, encoder.size())) {
                metrics.offersRelayed.increment();
            } else {
                metrics.relaysDropped.increment();
            }
        }
        out.reset();
    }

    private void answer(TrackerConnection conn, InboundMessage m) {
        metrics.answers.increment();
        route.reset();
        core.routeAnswer(conn, m.announce.infoHash, m.announce.peerId, m.toPeerId, m.answerOfferKey, route);
        if (route.error != null) {
            fail(conn, route.error, m);
        } else if (route.target == null) {
            // A real offer, but its offerer left since: peers come and go, so this is counted, not reported.
            metrics.answersUnroutable.increment();
        } else {
            encoder.relayedAnswer(m);
            if (route.target.session().send(encoder.bytes(), 0, encoder.size())) {
                metrics.answersRelayed.increment();
            } else {
                metrics.relaysDropped.increment();
            }
        }
        route.reset();
    }

    private void scrape(TrackerConnection conn, InboundMessage m) {
        metrics.scrapes.increment();
        encoder.beginScrape();
        for (int i = 0; i < m.scrapeCount; i++) {
            core.scrape(m.scrapeHashes[i], counts);
            encoder.scrapeFile(m, i, counts);
        }
        encoder.endScrape();
        conn.session().send(encoder.bytes(), 0, encoder.size());
        metrics.scrapeResponses.increment();
    }

    private void overBudget(TrackerConnection conn) {
        metrics.countFailure(TrackerError.MESSAGE_RATE_EXCEEDED);
        if (conn.recordOverBudget() > floodCloseAfter) {
            conn.session().close(CloseCode.POLICY_VIOLATION.code(), CloseCode.POLICY_VIOLATION.reason());
            return;
        }
        encoder.failure(TrackerError.MESSAGE_RATE_EXCEEDED, false, null);
        conn.session().send(encoder.bytes(), 0, encoder.size());
    }

    private void fail(TrackerConnection conn, TrackerError error, InboundMessage m) {
        metrics.countFailure(error);
        encoder.failure(error, m.scrapeAction, m);
        conn.session().send(encoder.bytes(), 0, encoder.size());
    }
}
